// Start GOV.UK Frontend's components; again on content htmx swaps in.
import { initAll, createAll, ErrorSummary } from "./vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
document.body.addEventListener("htmx:afterSettle", (event) => {
  createAll(ErrorSummary, undefined, { scope: event.target });
});
