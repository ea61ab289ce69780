// Swagger UI over kb's own contract; a file of its own because the pages' CSP runs no inline script.
window.addEventListener('DOMContentLoaded', function () {
  'use strict';
  // Without deep links: they put a link inside each operation's button, which screen readers cannot reach.
  window.SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: false,
    onComplete: function () {
      var servers = document.querySelector('#swagger-ui select#servers');
      if (servers && !servers.getAttribute('aria-label')) { servers.setAttribute('aria-label', 'Server'); }
    }
  });
});
