/** Escapes text for HTML content and attribute values. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Inline styles only (no external fonts or scripts): contrast at least 4.5:1, a visible focus ring, large targets. */
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#f5f5f5;margin:0}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #767676;border-radius:4px}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.6rem;margin-top:.25rem;border:2px solid #595959;border-radius:4px}
input[aria-invalid=true]{border-color:#b00020}
button,.button{display:inline-block;font:inherit;font-weight:600;margin-top:1.5rem;padding:.7rem 1.4rem;color:#fff;background:#004b87;border:2px solid #004b87;border-radius:4px;cursor:pointer;text-decoration:none}
button.secondary{color:#004b87;background:#fff}
:focus-visible{outline:3px solid #c75000;outline-offset:2px}
.error{color:#b00020;font-weight:600}
.hint{color:#4a4a4a;font-size:.95rem}
a{color:#004b87}`;

/** A complete German page: landmarks, language, title naming the task first. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${html(title)} – Welcome Hub</title>
<style>${STYLE}</style>
</head>
<body>
<header><p style="margin:1rem 2rem"><strong>Welcome Hub</strong> – Willkommenskultur in Südwestfalen und im Ruhrgebiet</p></header>
<main id="inhalt">
<h1>${html(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** Response headers of every page: no caching of forms, no framing, nothing loaded from elsewhere. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};

/** An error summary announced by screen readers (role=alert), listed before the form. */
export function errorSummary(message: string | undefined): string {
  return message ? `<p class="error" role="alert" id="fehler">${html(message)}</p>` : '';
}

export function loginForm(action: string, options: { email?: string; error?: string; client?: string }): string {
  const invalid = options.error ? ' aria-invalid="true" aria-describedby="fehler"' : '';
  return page(
    'Anmelden',
    `${options.client ? `<p>Anmeldung für <strong>${html(options.client)}</strong>.</p>` : ''}
${errorSummary(options.error)}
<form method="post" action="${html(action)}" novalidate>
<label for="email">E-Mail-Adresse</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${html(options.email ?? '')}"${invalid}>
<label for="password">Passwort</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit">Anmelden</button>
</form>`,
  );
}

export function passwordForm(action: string, options: { name: string; error?: string }): string {
  const invalid = options.error
    ? ' aria-invalid="true" aria-describedby="fehler regeln"'
    : ' aria-describedby="regeln"';
  return page(
    'Passwort festlegen',
    `<p>Willkommen, ${html(options.name)}. Legen Sie ein Passwort für Ihr Konto fest.</p>
${errorSummary(options.error)}
<form method="post" action="${html(action)}" novalidate>
<label for="password">Neues Passwort</label>
<p class="hint" id="regeln">Mindestens 12 Zeichen. Eine Passphrase aus mehreren Wörtern ist gut.</p>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12"${invalid}>
<label for="repeat">Passwort wiederholen</label>
<input id="repeat" name="repeat" type="password" autocomplete="new-password" required${invalid}>
<button type="submit">Passwort speichern</button>
</form>`,
  );
}

export function messagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return page(
    title,
    `<p>${html(message)}</p>${link ? `<p><a class="button" href="${html(link.href)}">${html(link.text)}</a></p>` : ''}`,
  );
}
