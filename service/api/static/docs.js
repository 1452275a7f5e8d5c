// The API docs page's start-up (service/api/docs.py): Swagger UI over this service's own
// OpenAPI document, from the vendored swagger-ui-dist (the page's Content-Security-Policy
// allows no inline script and nothing from another site).
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: document.body.dataset.openapi,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null, // no badge from the public validator: nothing leaves this site
    presets: [SwaggerUIBundle.presets.apis],
  });
});
