#pragma once
// The page's own style sheet: nothing is loaded from anywhere. Readable on a screen (a
// measure of about 70 characters, speakers in the margin), on a phone (the margin folds under
// the text) and on paper (no links' colours or tooltips; items kept whole where they fit).

namespace kpproc::meeting_html {

inline constexpr const char* kStyleSheet = R"css(
:root { color-scheme: light; --ink: #1b1b1b; --muted: #505050; --rule: #c8c8c8;
        --accent: #0b4f8a; --resolved: #eef5ec; --resolved-edge: #2e6b2a; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 58rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4, h5 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); }
a:focus { outline: 3px solid #f4b400; outline-offset: 1px; }
.subtitle { color: var(--muted); margin: 0 0 .75rem; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem;
         margin: .5rem 0 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.people { margin: 0; padding-left: 1.2rem; columns: 2 18rem; column-gap: 2rem; }
.role, .org, .count, .note, .extra { color: var(--muted); }
.part { font-variant: small-caps; letter-spacing: .04em; color: var(--muted);
        margin: 2rem 0 0; }
.item { margin-bottom: 1.5rem; }
.num { font-weight: 600; margin-right: .15rem; }
.para { display: grid; grid-template-columns: minmax(0, 1fr) 11rem; column-gap: 1.25rem; }
.para > p { grid-column: 1; margin: .35rem 0; }
.para > .speakers { grid-column: 2; font-size: .85rem; color: var(--muted);
                    border-left: 2px solid var(--rule); padding-left: .5rem; margin: .4rem 0; }
.para > .children { grid-column: 1 / -1; margin-left: 1.5rem; }
.subheading > p { font-weight: 600; }
.description { border-left: 3px solid var(--rule); padding-left: .75rem; color: var(--muted); }
.resolution { background: var(--resolved); border-left: 4px solid var(--resolved-edge);
              padding: .2rem .75rem; margin: .6rem 0; }
.resolution .label { font-weight: 700; color: var(--resolved-edge); text-transform: uppercase;
                     font-size: .8rem; letter-spacing: .05em; margin-right: .35rem; }
.question { border: 1px solid var(--rule); border-radius: 4px; padding: .25rem .75rem;
            margin: .75rem 0; }
.asker { font-style: italic; margin: 0; }
table.actions { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .95rem; }
table.actions caption { text-align: left; font-weight: 600; }
table.actions th, table.actions td { border: 1px solid var(--rule); padding: .3rem .45rem;
                                     vertical-align: top; text-align: left; }
.page { font-size: .75rem; color: var(--muted); border: 1px solid var(--rule);
        border-radius: 3px; padding: 0 .25rem; margin-right: .3rem; }
a.entity { color: inherit; text-decoration: underline dotted var(--accent); position: relative; }
a.entity .tip { position: absolute; left: 0; top: 100%; z-index: 1; white-space: nowrap;
                background: var(--ink); color: #fff; font-size: .8rem; padding: .1rem .4rem;
                border-radius: 3px; clip-path: inset(50%); width: 1px; height: 1px;
                overflow: hidden; }
a.entity:hover .tip, a.entity:focus .tip { clip-path: none; width: auto; height: auto; }
.entities { padding-left: 1.2rem; }
.attr { color: var(--muted); }
.source { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
          border-top: 1px solid var(--rule); }
.index ol { padding-left: 1.4rem; }
article.meeting + article.meeting { margin-top: 4rem; border-top: 3px double var(--rule); }
@media (max-width: 40rem) {
  .para { display: block; }
  .para > .speakers { margin: 0 0 .5rem; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a, a.entity { color: inherit; text-decoration: none; }
  a.entity .tip, nav.index { display: none; }
  .item, .resolution, .question, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  article.meeting + article.meeting { break-before: page; border: 0; margin: 0; }
}
)css";

}  // namespace kpproc::meeting_html
