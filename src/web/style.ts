/** The only stylesheet: served from this server (no external assets), readable on a phone. */
export const STYLE = `
:root { color-scheme: light; --ink: #1d2327; --muted: #5f6b73; --line: #dde3e8; --accent: #b3261e; --mark: #fff1a8; --target: #fff8dc; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.6 "Noto Serif", "Times New Roman", Georgia, serif; color: var(--ink); background: #fbfbf8; }
header.site { background: #7a1712; color: #fff; padding: .6rem 1rem; font-family: system-ui, sans-serif; }
header.site a { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.35rem; line-height: 1.35; margin: .5rem 0; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; font-family: system-ui, sans-serif; }
form.search { display: flex; gap: .5rem; margin: 1rem 0; }
form.search input[type=search] { flex: 1; font-size: 1rem; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: .4rem; min-width: 0; }
form.search button { font-size: 1rem; padding: .6rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; }
.answer { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1rem; margin: .8rem 0; }
.answer .actor { font-weight: 700; }
.answer .cite, .meta { color: var(--muted); font-size: .9rem; font-family: system-ui, sans-serif; }
mark { background: var(--mark); padding: 0 .1em; }
.examples li { margin: .3rem 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
dl.meta dt { font-weight: 600; }
nav.outline ol { padding-left: 1.2rem; font-size: .95rem; }
.passage { padding: .4rem .6rem; margin: .3rem -.6rem; border-left: 3px solid transparent; scroll-margin-top: 1rem; }
.passage:target { background: var(--target); border-left-color: var(--accent); }
.passage .label { color: var(--muted); font-family: system-ui, sans-serif; font-size: .85rem; margin-right: .4rem; }
.empty { color: var(--muted); }
footer { color: var(--muted); font-size: .8rem; text-align: center; padding: 2rem 1rem; font-family: system-ui, sans-serif; }
.banner.superseded, .notes .superseded { color: var(--accent); font-weight: bold; }
.banner.superseded { border: 1px solid var(--accent); padding: .5em .8em; border-radius: 4px; }
.notes { list-style: none; padding: 0; margin: .3em 0; color: var(--muted); }
`;
