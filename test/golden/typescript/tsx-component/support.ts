export interface Summary {
  orderId: string;
  totalMinor: number;
}

/** A tiny JSX factory so the component compiles and runs without a UI library. */
export function h(tag: string, props: Record<string, unknown> | null, ...children: unknown[]): string {
  const attrs = Object.entries(props ?? {})
    .map(([k, v]) => ` ${k}="${String(v)}"`)
    .join('');
  return `<${tag}${attrs}>${children.join('')}</${tag}>`;
}

declare global {
  namespace JSX {
    type Element = string;
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
  }
}
