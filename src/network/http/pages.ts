// The pages a web server writes itself (error and redirect pages), byte for byte from the servers'
// source. nginx ends its lines with CRLF; httpd with LF.

/** An HTTP status nginx or httpd answers with a page of its own. */
export type PageStatus = 301 | 400 | 403 | 404;

/**
 * nginx's pages: nginx/nginx@073ab5db06ec5f5079280a60a28f450b8f1ac504 (release-1.31.3)
 * src/http/ngx_http_special_response.c: ngx_http_error_301_page, _400_, _403_, _404_ and
 * ngx_http_error_full_tail (server_tokens on, the default: NGINX_VER is "nginx/" NGINX_VERSION).
 * The MSIE/Chrome padding is sent only to those browsers' user agents, never to curl or wget.
 * Unchanged from release-1.31.3 to 3f6f7824d4e2eb1ac37dec76683d525ac0ff521c (2026-08-21).
 */
export function nginxPage(status: PageStatus, version: string): string {
  const title = NGINX_TITLES[status];
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    `<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`
  );
}

const NGINX_TITLES: Record<PageStatus, string> = {
  301: '301 Moved Permanently',
  400: '400 Bad Request',
  403: '403 Forbidden',
  404: '404 Not Found',
};

/**
 * httpd's pages: apache/httpd@f45abec1bd20396cea777a411bd5975abefad279 (2.4.x)
 * modules/http/http_protocol.c ap_send_error_response (DOCTYPE_HTML_2_0, the title, the h1 without
 * the code) and get_canned_error_string; ap_psignature is empty with ServerSignature Off, the
 * default the image's httpd.conf keeps. `location`: the redirect's target (escaped as
 * ap_escape_html does).
 */
export function httpdPage(status: Exclude<PageStatus, 400>, location = ''): string {
  const title = HTTPD_TITLES[status];
  const text =
    status === 301
      ? `<p>The document has moved <a href="${escapeHtml(location)}">here</a>.</p>\n`
      : status === 403
        ? // add_optional_notes with no "error-notes": the prefix and the suffix
          "<p>You don't have permission to access this resource.</p>\n"
        : '<p>The requested URL was not found on this server.</p>\n';
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${title.slice(4)}</h1>\n${text}</body></html>\n`;
}

const HTTPD_TITLES: Record<Exclude<PageStatus, 400>, string> = {
  301: '301 Moved Permanently',
  403: '403 Forbidden',
  404: '404 Not Found',
};

/** ap_escape_html: <, >, & and ". */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The reason phrase of a status line (nginx's ngx_http_status_lines, httpd's status_lines: the same words). */
export const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
};
