// GOV.UK Frontend's start-up class, as its template sets inline (this is a file: the pages'
// Content-Security-Policy allows no inline script).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
