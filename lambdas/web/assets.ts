/**
 * The site's one stylesheet, served at `/assets/site.css` (a file of its own, so the
 * Content-Security-Policy can forbid inline styles). System fonts, fluid width, large targets,
 * visible focus, and colours with at least 4.5:1 contrast.
 */
export const SITE_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --paper: #fbfaf7; --accent: #0b5394; --bad: #a4000f; }
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, main:focus-visible { outline: 3px solid #e59700; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; }
header.site, main, footer.site { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem; border-bottom: 1px solid #ddd; }
.brand { font-size: 1.5rem; font-weight: bold; color: var(--ink); text-decoration: none; }
nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; font-family: system-ui, sans-serif; }
nav a { display: inline-block; padding: .5rem .25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1.5rem 0 .75rem; }
h2 { font-size: 1.35rem; margin: 1.75rem 0 .25rem; }
.lede { font-size: 1.15rem; }
.facts { padding-left: 1.2rem; }
.hint, .window, .role, .kicker, .sources, footer.site { color: var(--muted); font-family: system-ui, sans-serif; font-size: .95rem; }
form.subscribe { margin: 1.5rem 0; padding: 1.25rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
label { display: block; font-weight: bold; font-family: system-ui, sans-serif; }
.field { display: flex; flex-wrap: wrap; gap: .75rem; }
input[type=email] { flex: 1 1 16rem; min-height: 3rem; padding: .5rem .75rem; font-size: 1.1rem; border: 2px solid #6e7781; border-radius: 4px; }
input[aria-invalid=true] { border-color: var(--bad); }
button { min-height: 3rem; padding: .5rem 1.5rem; font-size: 1.1rem; font-family: system-ui, sans-serif; color: #fff; background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
.error { color: var(--bad); font-weight: bold; font-family: system-ui, sans-serif; }
.statements { list-style: none; padding: 0; }
.statements li { margin: 0 0 1rem; padding-left: .9rem; border-left: 3px solid #d0d7de; }
.kind { font-family: system-ui, sans-serif; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
blockquote { margin: .1rem 0; }
.not-in-email { border-left-style: dashed; }
.not-in-email blockquote { color: var(--muted); }
.also-quoted { border-top: 1px solid #ddd; margin-top: 2rem; }
.archive li { margin: .5rem 0; }
.archive .window { display: block; }
footer.site { border-top: 1px solid #ddd; margin-top: 2rem; }
`;
