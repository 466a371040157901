#include "report/assets.hpp"

namespace pivot::report {

std::string_view report_css() {
  return R"css(
:root{--ink:#1d2330;--muted:#5b6475;--faint:#8a93a3;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;--accent:#332288;
--low:#88CCEE;--high:#CC6677;font-synthesis:none}
*{box-sizing:border-box}
[hidden]{display:none !important}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
a{color:var(--accent)}
code{font:0.86em/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f4;padding:0 .25em;border-radius:3px}
.hero{background:linear-gradient(135deg,#241a5e 0%,#332288 45%,#44AA99 140%);color:#fff;padding:48px 32px 40px}
.hero .wrap{max-width:1180px;margin:0 auto}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;opacity:.8;margin:0 0 10px}
.hero h1{font-size:clamp(24px,3.4vw,38px);line-height:1.15;margin:0 0 14px;font-weight:700;max-width:30em}
.hero .lede{max-width:46em;opacity:.92;margin:0;font-size:17px}
.layout>*{min-width:0}
.table-wrap{overflow-x:auto}
.table-wrap.key-moves:focus{outline:2px solid var(--accent);outline-offset:2px}
.layout{display:grid;grid-template-columns:220px minmax(0,1fr);gap:32px;max-width:1240px;margin:0 auto;padding:28px 24px 64px}
.toc{position:sticky;top:20px;align-self:start;font-size:14px}
.toc p{text-transform:uppercase;letter-spacing:.1em;font-size:11px;color:var(--faint);margin:0 0 8px}
.toc ol{list-style:none;margin:0;padding:0;border-left:2px solid var(--line)}
.toc a{display:block;padding:5px 12px;margin-left:-2px;border-left:2px solid transparent;color:var(--muted);text-decoration:none}
.toc a:hover{color:var(--ink)}
.toc a.active{color:var(--accent);border-left-color:var(--accent);font-weight:600}
.toc .meta{margin-top:18px;text-transform:none;letter-spacing:0;font-size:12px;line-height:1.45;color:var(--faint);word-break:break-all}
main section{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:28px 32px;margin:0 0 28px;box-shadow:0 1px 2px rgba(20,24,40,.04)}
main h2{margin:0 0 12px;font-size:24px;letter-spacing:-.01em}
main h3{margin:28px 0 8px;font-size:17px}
main h4{margin:14px 0 4px;font-size:14px;color:var(--muted);font-weight:600}
p.note{color:var(--muted);max-width:52em;margin:.4em 0 1em}
p.not-run{color:var(--muted);background:#f3f4f7;border:1px dashed #c9ced8;border-radius:10px;padding:14px 18px;margin:0}
p.warning{background:#fff6e0;border-left:4px solid #DDCC77;padding:8px 12px;border-radius:6px}
.facts{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0}
.facts div{flex:1 1 140px;background:#f4f3fb;border-radius:10px;padding:12px 14px;color:var(--muted);font-size:13px}
.facts span{display:block;font-size:24px;font-weight:700;color:var(--ink);font-variant-numeric:tabular-nums}
table.data{width:100%;border-collapse:collapse;font-size:14px;margin:8px 0 4px}
table.data th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em;border-bottom:2px solid var(--line);padding:6px 8px}
table.data td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}
table.data .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.sources td:nth-child(3){max-width:34em}
details{border:1px solid var(--line);border-radius:10px;margin:8px 0;padding:0 14px;background:#fbfbfd}
details summary{cursor:pointer;padding:10px 0;font-weight:600}
details summary .count{font-weight:400;color:var(--faint);font-size:13px;margin-left:6px}
details[open] summary{border-bottom:1px solid var(--line);margin-bottom:6px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:18px}
figure.card{margin:0;border:1px solid var(--line);border-radius:12px;padding:14px 14px 8px;background:#fff}
figure.card figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;column-gap:12px;align-items:baseline;font-size:14px;margin-bottom:4px}
figure.card figcaption b{flex:0 1 auto;min-width:0;text-wrap:balance}
figure.card figcaption span{color:var(--faint);font-size:12px}
.ends{display:flex;justify-content:space-between;gap:16px;font-size:11.5px;color:var(--faint);margin:2px 0 4px;line-height:1.3}
.ends span:last-child{text-align:right}
svg.chart{display:block;width:100%;height:auto;overflow:visible;font-size:11px}
svg.chart text{fill:var(--muted)}
svg.chart .grid line{stroke:#edf0f4}
svg.chart .axis-title{fill:var(--faint);font-size:10.5px}
svg.chart .label{fill:var(--ink);font-size:12px}
svg.chart .sub{fill:var(--faint);font-size:10.5px}
svg.chart .value,svg.chart .end{fill:var(--faint);font-size:10.5px}
svg.chart .in-bar{fill:#fff;font-size:11px;font-weight:600;pointer-events:none}
svg.positions .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round;opacity:.9;transition:opacity .15s,stroke-width .15s}
svg.positions:hover .line{opacity:.35}
svg.positions .line.hot,section[data-focus] svg.positions .line.focused{opacity:1;stroke-width:3.2}
section[data-focus] svg.positions .line:not(.focused){opacity:.12}
svg.positions .prediction line{stroke:var(--ink);stroke-width:2}
svg.positions .prediction text{fill:var(--ink);font-weight:600}
svg.positions .focus-dot{fill:#fff;stroke-width:2.5;pointer-events:none}
svg.outcomes .track{stroke:#d5d9e1;stroke-width:3;stroke-linecap:round}
svg.exchange-moved .track,svg.exchanges .track{stroke:#d5d9e1;stroke-width:3;stroke-linecap:round}
svg.exchange-moved .label{font-weight:600}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
article.issue-summary{border:1px solid var(--line);border-radius:12px;padding:12px 16px;background:#fff;break-inside:avoid}
article.issue-summary h3{margin:0 0 4px;font-size:16px}
article.issue-summary h3 .sub{color:var(--faint);font-weight:400;font-size:12.5px}
article.issue-summary p{margin:4px 0;font-size:13.5px}
ul.forecasts{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:2px 0 6px;padding:0;font-size:13.5px;font-variant-numeric:tabular-nums}
ul.forecasts li.baseline{color:var(--muted)}
ul.forecasts .dir{font-weight:700}
p.flag{background:#fff6e0;border-left:4px solid #DDCC77;padding:6px 10px;border-radius:6px}
svg.strip .track{stroke:#d5d9e1;stroke-width:3;stroke-linecap:round}
svg.strip .band{fill:#88CCEE;opacity:.55}
svg.strip .p50{stroke:#332288;stroke-width:2}
svg.strip .status-quo{stroke:var(--ink);stroke-width:2}
svg.strip .baseline{fill:#fff;stroke:#555;stroke-width:1.5}
svg.strip .point{stroke:#fff;stroke-width:1.5}
svg.outcomes .status-quo{stroke:var(--ink);stroke-width:2}
svg.outcomes .label{font-weight:600}
svg.histogram .bin{fill:#88CCEE}
svg.histogram .quantile line{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:3 3}
svg.histogram .quantile.p50 line{stroke-dasharray:none;stroke-width:2}
svg.histogram .quantile text{fill:var(--ink);font-size:10.5px;font-weight:600}
svg.histogram .point line{stroke:var(--high);stroke-width:2.5}
svg.histogram .point text{fill:var(--high);font-size:10.5px;font-weight:700}
svg.histogram .top-label{paint-order:stroke;stroke:var(--card);stroke-width:3px;stroke-linejoin:round}
svg.tornado .at-low,.swatch.at-low{fill:var(--low);background:var(--low)}
svg.tornado .at-high,.swatch.at-high{fill:var(--high);background:var(--high)}
svg.chart .base{stroke:var(--ink);stroke-width:1.5}
svg.outflow .outflow{fill:#44AA99}
svg.outflow .cumulative{fill:none;stroke:#332288;stroke-width:2.5}
svg.outflow .reserves line{stroke:#CC6677;stroke-width:2;stroke-dasharray:6 4}
svg.outflow .reserves text{fill:#882255;font-weight:600}
svg.outflow .tick{fill:var(--faint)}
svg.chart rect.mark:hover{opacity:.8}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:8px 0 14px;font-size:13px;color:var(--muted)}
ul.legend li{display:flex;align-items:center;gap:6px}
ul.legend svg.key{width:22px;height:14px}
ul.legend.actors li{cursor:pointer;border-radius:99px;padding:2px 10px 2px 6px;border:1px solid transparent}
ul.legend.actors li:hover,ul.legend.actors li:focus{border-color:var(--line);outline:none}
ul.legend.actors li.on{border-color:var(--accent);color:var(--ink);background:#f4f3fb}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-1px}
.sq-key{display:inline-block;width:2px;height:14px;background:var(--ink)}
.toggle{display:inline-flex;background:#eef0f4;border-radius:99px;padding:3px;margin:4px 0 6px}
.toggle button{font:inherit;font-size:13px;border:0;background:none;padding:5px 14px;border-radius:99px;cursor:pointer;color:var(--muted)}
.toggle button[aria-pressed=true]{background:#fff;color:var(--ink);box-shadow:0 1px 3px rgba(0,0,0,.12);font-weight:600}
#tip{position:fixed;z-index:10;max-width:380px;background:#1d2330;color:#fff;border-radius:10px;padding:10px 12px;font-size:13px;line-height:1.45;box-shadow:0 8px 24px rgba(0,0,0,.25);pointer-events:none}
#tip p{margin:4px 0 0}
#tip .round{float:right;color:#aab3c5;margin-left:12px}
#tip .move{font-variant-numeric:tabular-nums;font-weight:600}
#tip .by{color:#c9d1df}
footer{max-width:1240px;margin:0 auto;padding:0 24px 40px;color:var(--faint);font-size:12px}
@media (max-width:900px){.layout{grid-template-columns:minmax(0,1fr);padding:16px 12px 48px;gap:12px}
.toc{position:static}.toc ol{display:flex;flex-wrap:wrap;border:0;gap:4px}.toc a{border:1px solid var(--line);border-radius:99px;padding:3px 10px;margin:0}
main section{padding:20px 16px}.grid{grid-template-columns:1fr}.hero{padding:32px 18px}}
@media print{body{background:#fff;font-size:11pt}.toc,#tip,.toggle{display:none}.layout{display:block;padding:0}
.hero{background:none;color:var(--ink);padding:0 0 12px;border-bottom:2px solid var(--ink)}
main section{border:0;box-shadow:none;padding:12px 0;break-inside:auto}figure.card{break-inside:avoid}
.model-panel[hidden]{display:grid !important}details{border:0}details>*{display:block}}
)css";
}

std::string_view report_script() {
  return R"js(
(function () {
  'use strict';
  var tip = document.getElementById('tip');
  var traceEl = document.getElementById('trace');
  var trace = traceEl ? JSON.parse(traceEl.textContent) : { actors: {}, models: {} };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function num(v) { return (Math.round(v * 100) / 100).toString(); }
  function showTip(e, html) {
    tip.innerHTML = html;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight, x = e.clientX + 16, y = e.clientY + 16;
    if (x + w > innerWidth - 8) x = e.clientX - w - 16;
    if (y + h > innerHeight - 8) y = e.clientY - h - 16;
    tip.style.left = Math.max(8, x) + 'px';
    tip.style.top = Math.max(8, y) + 'px';
  }
  function hideTip() { tip.hidden = true; }

  // Which model's rounds the positions section shows.
  document.querySelectorAll('.toggle button').forEach(function (b) {
    b.addEventListener('click', function () {
      var sec = b.closest('section');
      sec.querySelectorAll('.toggle button').forEach(function (x) { x.setAttribute('aria-pressed', x === b ? 'true' : 'false'); });
      sec.querySelectorAll('.model-panel').forEach(function (p) { p.hidden = p.dataset.model !== b.dataset.show; });
    });
  });

  // Click an actor in the legend to pick out its line in every chart.
  document.querySelectorAll('.legend.actors li').forEach(function (li) {
    function toggle() {
      var sec = li.closest('section'), on = sec.dataset.focus === li.dataset.actor;
      if (on) delete sec.dataset.focus; else sec.dataset.focus = li.dataset.actor;
      sec.querySelectorAll('.line').forEach(function (p) { p.classList.toggle('focused', !on && p.dataset.actor === li.dataset.actor); });
      sec.querySelectorAll('.legend.actors li').forEach(function (x) { x.classList.toggle('on', !on && x === li); });
    }
    li.addEventListener('click', toggle);
    li.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  });

  // "Why did X move": the nearest line to the pointer, at the nearest round, with its trace entry.
  function moveText(svg, line, r) {
    var d = svg.dataset, at = (trace.models[d.model] || [])[r] || {};
    var name = trace.actors[line.actor] || line.actor, unit = d.unit;
    var h = '<span class="round">round ' + r + '</span><b>' + esc(name) + '</b>';
    if (r === 0) return h + '<p>Input position: ' + num(line.v[0]) + ' ' + esc(unit) + '</p>';
    var a = line.v[r - 1], b = line.v[r];
    h += '<p class="move">' + num(a) + ' \u2192 ' + num(b) + ' ' + esc(unit) + (Math.abs(b - a) < 1e-9 ? ' (held)' : '') + '</p>';
    var why = at[line.actor + '|' + d.issue] || at[line.actor];
    var by = at['@' + line.actor + '|' + d.issue] || at['@' + line.actor];
    if (why) h += '<p>Why: ' + esc(why) + '</p>';
    if (by) h += '<p class="by">Challenged by: ' + esc(by) + '</p>';
    return h;
  }
  document.querySelectorAll('svg.positions').forEach(function (svg) {
    var d = svg.dataset, left = +d.left, right = +d.right, top = +d.top, bottom = +d.bottom;
    var rounds = +d.rounds, y0 = +d.y0, y1 = +d.y1, dot = svg.querySelector('.focus-dot');
    var lines = Array.prototype.map.call(svg.querySelectorAll('.line'), function (p) {
      return { el: p, actor: p.dataset.actor, v: p.dataset.values.split(',').map(Number) };
    });
    function X(r) { return rounds ? left + r / rounds * (right - left) : left; }
    function Y(v) { return y1 === y0 ? (top + bottom) / 2 : bottom - (v - y0) / (y1 - y0) * (bottom - top); }
    function clear() { lines.forEach(function (l) { l.el.classList.remove('hot'); }); dot.setAttribute('cx', -10); hideTip(); }
    svg.addEventListener('mousemove', function (e) {
      var m = svg.getScreenCTM();
      if (!m) return;
      var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      var r = Math.max(0, Math.min(rounds, Math.round((p.x - left) / (right - left) * rounds)));
      var best = null, bestDistance = 14;
      lines.forEach(function (l) { var dist = Math.abs(Y(l.v[r]) - p.y); if (dist < bestDistance) { bestDistance = dist; best = l; } });
      if (!best) { clear(); return; }
      lines.forEach(function (l) { l.el.classList.toggle('hot', l === best); });
      dot.setAttribute('cx', X(r));
      dot.setAttribute('cy', Y(best.v[r]));
      dot.setAttribute('stroke', best.el.getAttribute('stroke'));
      showTip(e, moveText(svg, best, r));
    });
    svg.addEventListener('mouseleave', clear);
  });

  // Mark the section being read in the table of contents.
  var links = {};
  document.querySelectorAll('.toc a').forEach(function (a) { links[a.getAttribute('href').slice(1)] = a; });
  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) return;
        Object.keys(links).forEach(function (k) { links[k].classList.toggle('active', k === en.target.id); });
      });
    }, { rootMargin: '-20% 0px -70% 0px' });
    document.querySelectorAll('main section').forEach(function (s) { observer.observe(s); });
  }
})();
)js";
}

}  // namespace pivot::report
