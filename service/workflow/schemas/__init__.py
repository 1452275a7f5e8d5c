"""What the use cases take and give: plain pydantic models, free of HTTP.

The doors (api, web, cli) build these from their requests and render them; the API's own
request-only bodies and its error and paging shapes live with its routes (service.api.schemas).
"""
