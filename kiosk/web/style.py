"""The dashboard's one stylesheet, in the kiosk's colours; served at /static/style.css.

Kept in Python so it ships inside the package with no data-file setup. The layout is fluid:
one column on a phone, cards side by side on a desktop, and nothing wider than the screen.
"""

STYLE = """
:root {
  --paper: #F6F4EF; --card: #FFFFFF; --ink: #1A1A1F; --muted: #54545E;
  --line: #DDD8CF; --signal: #C8102E; --second: #8C877D;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.45 "Noto Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 16px; }
main.wrap { padding-bottom: 40px; }
a { color: var(--signal); }
code { font-size: 0.9em; background: #EEEBE4; padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }

.band { background: var(--signal); color: #FFFFFF; }
.band-row {
  display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center;
  gap: 6px 12px; min-height: 52px; padding-top: 6px; padding-bottom: 6px;
}
.brand { font-weight: 700; letter-spacing: 0.01em; }
.brand .thin { font-weight: 400; opacity: 0.9; }
.band .nav { margin-left: auto; font-size: 0.9rem; } .band .nav a { color: #FFFFFF; }
.kiosk { font-size: 0.9rem; background: rgba(255, 255, 255, 0.16); padding: 3px 10px; border-radius: 999px; }
/* The language switcher: each language named in itself; the page's own is filled. */
.languages { display: flex; flex-wrap: wrap; gap: 4px; }
.languages a {
  color: #FFFFFF; text-decoration: none; font-size: 0.85rem; padding: 4px 9px; border-radius: 999px;
  border: 1px solid rgba(255, 255, 255, 0.5); min-height: 28px; display: inline-flex; align-items: center;
}
.languages a:hover { border-color: #FFFFFF; }
.languages a[aria-current] { background: #FFFFFF; color: var(--signal); font-weight: 700; }

.intro {
  display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end;
  gap: 12px 24px; padding: 22px 0 18px;
}
.eyebrow {
  margin: 0; color: var(--muted); font-size: 0.85rem; text-transform: uppercase;
  letter-spacing: 0.06em;
}
h1 { margin: 2px 0 0; font-size: clamp(1.5rem, 4.5vw, 2.1rem); line-height: 1.15; }
h2 { margin: 0 0 10px; font-size: 1.05rem; }
.range { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.range label { font-size: 0.85rem; color: var(--muted); display: flex; align-items: center; gap: 6px; }
.range input, .range button {
  font: inherit; font-size: 0.9rem; color: var(--ink); background: var(--card);
  border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; min-height: 36px;
}
.range button {
  background: var(--ink); color: #FFFFFF; border-color: var(--ink); padding: 6px 14px;
  cursor: pointer;
}
.chips { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0; }
.chip {
  display: inline-block; font-size: 0.85rem; text-decoration: none; color: var(--ink);
  border: 1px solid var(--line); background: var(--card); border-radius: 999px; padding: 5px 12px;
}
.chip:hover { border-color: var(--ink); }
.chip-on { background: var(--ink); color: #FFFFFF; border-color: var(--ink); }

.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 16px 18px;
  min-width: 0;
}
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.figure { display: flex; flex-direction: column; gap: 2px; }
.figure::before {
  content: ""; width: 28px; height: 4px; border-radius: 2px; background: var(--signal); margin-bottom: 10px;
}
.figure .label { font-size: 0.9rem; color: var(--muted); font-weight: 600; }
.big {
  font-size: clamp(2.2rem, 7vw, 3.2rem); font-weight: 700; line-height: 1.1;
  font-variant-numeric: tabular-nums;
}
.note { margin: 8px 0 0; color: var(--muted); font-size: 0.82rem; }
.figure .note { margin: 0; }
.pair {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
  gap: 12px; margin-top: 12px;
}
main > .card { margin-top: 12px; }
.empty { color: var(--muted); margin: 24px 0; }

.legend {
  display: flex; align-items: center; gap: 6px; margin: -4px 0 6px; font-size: 0.82rem;
  color: var(--muted);
}
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-left: 8px; }
.key:first-child { margin-left: 0; }
.key.series-0 { background: var(--signal); }
.key.series-1 { background: var(--second); }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart .series-0 { fill: var(--signal); }
svg.chart .series-1 { fill: var(--second); }
svg.chart .baseline { stroke: var(--line); stroke-width: 1; }
svg.chart text { font-size: 12px; fill: var(--muted); font-variant-numeric: tabular-nums; }
svg.chart text.value { fill: var(--ink); font-weight: 600; }

table.ranked { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.ranked th {
  text-align: left; font-size: 0.78rem; font-weight: 600; color: var(--muted);
  text-transform: uppercase; letter-spacing: 0.04em;
  padding: 0 6px 6px 0; border-bottom: 1px solid var(--line);
}
.ranked td { padding: 8px 6px 8px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
.ranked tr:last-child td { border-bottom: 0; }
.ranked .num { text-align: right; white-space: nowrap; padding-right: 0; padding-left: 10px; }
/* A column's name may take two lines (Kazakh and Russian ones are long); its figures never do. */
.ranked th.num { white-space: normal; overflow-wrap: break-word; hyphens: auto; }
.ranked .name { overflow-wrap: anywhere; width: 100%; }
/* A kiosk's name breaks at its hyphens, not inside a word: the numbers give it the room. */
.ranked.kiosks .name { overflow-wrap: break-word; }
.code { color: var(--muted); font-size: 0.8rem; }
svg.meter { display: block; width: 100%; height: 4px; margin-top: 5px; }
svg.meter .track { fill: #EEEBE4; }
svg.meter .fill { fill: var(--signal); }

.downloads { margin-top: 20px; }
.downloads .label { font-size: 0.85rem; color: var(--muted); font-weight: 600; margin-right: 4px; }
"""
