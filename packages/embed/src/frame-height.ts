/**
 * The one message an embed page (`/embed/<tag>`, script `embed-frame.js`) sends to the page
 * that frames it, read by `fs-iframe-resize.js` on that page: its content's height, so the
 * iframe fits the widget without a scroll bar. Nothing else crosses the frame.
 */
export const FRAME_HEIGHT_MESSAGE = 'fs-widgets:frame-height';

export interface FrameHeightMessage {
  type: typeof FRAME_HEIGHT_MESSAGE;
  /** The content's height in CSS pixels. */
  height: number;
}

/** Heights outside these bounds are ignored: a broken page must not shrink a frame to nothing or grow it forever. */
export const FRAME_HEIGHT_MIN = 60;
export const FRAME_HEIGHT_MAX = 20_000;

export function isFrameHeightMessage(data: unknown): data is FrameHeightMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, height } = data as Partial<FrameHeightMessage>;
  return (
    type === FRAME_HEIGHT_MESSAGE &&
    typeof height === 'number' &&
    Number.isFinite(height) &&
    height >= FRAME_HEIGHT_MIN &&
    height <= FRAME_HEIGHT_MAX
  );
}
