import embed, { type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { sanitizeSvg, type SanitizeOptions } from './sanitize';
import { themeColor } from './theme';

// The lazy Vega chunk. Charts are drawn by vega-embed with the SVG renderer, then the SVG is serialized,
// sanitized and inserted: nothing interactive from the spec survives. Specs may not load data (the loader
// refuses every URL and file) and expressions run in Vega's interpreter, so the CSP needs no 'unsafe-eval'.

const refuse = (what: string) => Promise.reject(new Error(`Perpetua does not load ${what} from a chart.`));

const refusingLoader = {
  load: (uri: string) => refuse(`data (${uri})`),
  sanitize: (uri: string) => refuse(`data (${uri})`),
  http: (uri: string) => refuse(`${uri}`),
  file: (path: string) => refuse(`files (${path})`),
};

function themeConfig(): Record<string, unknown> {
  const fg = themeColor('foreground', '#333333');
  const muted = themeColor('descriptionForeground', '#717171');
  const grid = themeColor('editorWidget-border', '#c8c8c8');
  const font = themeColor('font-family', 'sans-serif');
  return {
    background: 'transparent',
    font,
    axis: { labelColor: fg, titleColor: fg, domainColor: muted, tickColor: muted, gridColor: grid },
    legend: { labelColor: fg, titleColor: fg },
    title: { color: fg },
    view: { stroke: grid },
  };
}

export async function renderVega(
  spec: unknown,
  mode: 'vega' | 'vega-lite',
  options: SanitizeOptions,
): Promise<HTMLElement> {
  const scratch = document.createElement('div');
  const result = await embed(scratch, spec as VisualizationSpec, {
    mode,
    renderer: 'svg',
    actions: false,
    tooltip: false,
    defaultStyle: false,
    ast: true,
    expr: expressionInterpreter,
    loader: refusingLoader as never,
    config: themeConfig() as never,
  });
  try {
    const svg = await result.view.toSVG();
    const element = document.createElement('div');
    element.className = 'chart';
    element.setAttribute('role', 'img');
    element.append(sanitizeSvg(svg, options));
    const description =
      (spec as { description?: unknown; title?: unknown }).description ?? (spec as { title?: unknown }).title;
    element.setAttribute('aria-label', typeof description === 'string' ? description : 'Chart');
    return element;
  } finally {
    result.finalize();
  }
}
