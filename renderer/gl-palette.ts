/**
 * When a 2-D WebGL map needs drawing again because Plotly's marker layer changed how it stores colours.
 * regl-scatter2d (Plotly's scattergl markers) keeps the colours it has met in a palette of at most 255 and
 * stores each trace's point colours as palette indices; when the palette overflows it switches, for good, to
 * storing colours per point, and its shader reads every trace that way from then on. The switch happens in
 * the middle of writing a figure's traces: the traces written before it keep their palette indices, which
 * the shader then reads as colours (dimmed cells vanish, some points take stray class colours). Plotly
 * writes the markers twice a draw — and so puts this right itself — except while a box or lasso selection
 * mode is on (the Box and Lasso tools: dragmode 'select' or 'lasso'), when the second write only passes
 * the selection styling. So with the Box tool on, the first draw that meets more than 255 colours —
 * colouring by a gene while a selection is drawn (each colour at two opacities), through Plotly.update and
 * Plotly.react alike — stays wrong until the next draw. plot-view asks after each draw whether a layer
 * overflowed during it in such a mode, and then redraws once: every trace is then written per point.
 * Pure: reads the graph div's (private) state it is handed.
 */

/** The most colours regl-scatter2d keeps in its palette before it stores colours per point. */
export const PALETTE_COLOURS = 255;

/** A regl-scatter2d layer as Plotly's 2-D scene holds it: its palette is RGBA bytes, four per colour. */
interface ScatterLayer {
  palette: ArrayLike<number>;
}

function isScatterLayer(v: unknown): v is ScatterLayer & object {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
  const palette = (v as { palette?: unknown }).palette;
  return Array.isArray(palette);
}

/**
 * The regl-scatter2d layers of a drawn Plotly graph div: of each 2-D subplot (`_fullLayout._plots`) the
 * scene's markers and selected markers (`scatter2d`, `select2d`; `true` or absent until first drawn).
 */
export function scatterLayers(gd: unknown): (ScatterLayer & object)[] {
  const plots = (gd as { _fullLayout?: { _plots?: Record<string, { _scene?: unknown } | undefined> } } | null)
    ?._fullLayout?._plots;
  const layers: (ScatterLayer & object)[] = [];
  for (const plot of Object.values(plots ?? {})) {
    const scene = plot?._scene as { scatter2d?: unknown; select2d?: unknown } | null | undefined;
    for (const layer of [scene?.scatter2d, scene?.select2d]) if (isScatterLayer(layer)) layers.push(layer);
  }
  return layers;
}

/**
 * Whether Plotly writes the 2-D markers only once a draw: a box or lasso selection mode, clicks that select,
 * or a trace with Plotly's own selected points (the condition of scattergl's plot).
 */
export function writesMarkersOnce(gd: unknown): boolean {
  const g = gd as {
    _fullLayout?: { dragmode?: unknown; clickmode?: unknown };
    _fullData?: readonly { selectedpoints?: unknown }[];
  } | null;
  const layout = g?._fullLayout;
  if (layout?.dragmode === 'select' || layout?.dragmode === 'lasso') return true;
  if (typeof layout?.clickmode === 'string' && layout.clickmode.includes('select')) return true;
  return (g?._fullData ?? []).some((t) => Boolean(t.selectedpoints));
}

/** Watches the palettes of one graph div's layers from draw to draw. */
export interface PaletteWatch {
  /**
   * Whether a layer's palette went past PALETTE_COLOURS since the last call (or since the layer was made, for
   * a layer not seen before) while Plotly writes the markers once a draw: then traces written before the
   * switch read wrong colours.
   */
  overflowed(gd: unknown): boolean;
}

export function createPaletteWatch(): PaletteWatch {
  // colours each layer held at the last look; a layer Plotly made anew is not in here
  const seen = new WeakMap<object, number>();
  return {
    overflowed(gd) {
      let overflowed = false;
      for (const layer of scatterLayers(gd)) {
        const colours = Math.floor(layer.palette.length / 4);
        const before = seen.get(layer) ?? 0;
        seen.set(layer, colours);
        if (colours > PALETTE_COLOURS && before <= PALETTE_COLOURS) overflowed = true;
      }
      return overflowed && writesMarkersOnce(gd);
    },
  };
}
