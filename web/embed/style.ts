// The element's own stylesheet, inside its shadow root: `all: initial` on the host keeps the
// page's inherited styles out (only the font family is taken over). Colours meet WCAG AA.

export const STYLE = `
:host{all:initial;display:block;font-family:inherit;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#fff;text-align:start;overflow-wrap:break-word}
:host([hidden]){display:none}
*{box-sizing:border-box}
.heading{font-size:1.125em;line-height:1.3;font-weight:700;margin:0 0 .5rem}
.body{min-height:1.5rem}
svg{display:block;overflow:visible}
.muted{fill:#4a4a4a}
.state{margin:.5rem 0}
.error{color:#a30d11;font-weight:700}
a{color:#1d4f91}
button{font:inherit;font-size:.875em;padding:.25rem .75rem;border:2px solid #1d4f91;border-radius:4px;background:#fff;color:#1d4f91;cursor:pointer}
a:focus-visible,button:focus-visible,summary:focus-visible,.scroll:focus-visible{outline:3px solid #1d4f91;outline-offset:2px}
details{margin-top:.75rem}
summary{cursor:pointer;color:#1d4f91;text-decoration:underline;width:max-content;max-width:100%}
.scroll{overflow-x:auto;margin-top:.5rem}
table{border-collapse:collapse;font-size:.875em;min-width:100%}
caption{text-align:start;font-weight:700;padding-bottom:.25rem}
th,td{padding:.25rem .5rem;border-bottom:1px solid #767676;text-align:start;vertical-align:top}
thead th{border-bottom:2px solid #1b1b1b;vertical-align:bottom}
tbody th{font-weight:400}
.num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.none{font-style:italic}
.source{font-size:.8125em;color:#4a4a4a;margin:.5rem 0 0}
.legend{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.875em}
.legend li{display:flex;align-items:center;gap:.375rem}
@media (prefers-reduced-motion:no-preference){
.grow .bar{animation:grow-x .5s ease-out both;transform-box:fill-box;transform-origin:left}
.grow .column{animation:grow-y .5s ease-out both;transform-box:fill-box;transform-origin:bottom}
}
@keyframes grow-x{from{transform:scaleX(0)}}
@keyframes grow-y{from{transform:scaleY(0)}}
@media (forced-colors:active){svg text{fill:CanvasText}.bar,.column{fill:CanvasText}.line{stroke:CanvasText}}
`;
