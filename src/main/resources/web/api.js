// Swagger UI over kb's own contract; a file of its own because the pages' CSP runs no inline script.
window.addEventListener('DOMContentLoaded', function () {
  'use strict';
  window.SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#swagger-ui', deepLinking: true });
});
