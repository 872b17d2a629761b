import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('parses named events with ids, ignoring comments', () => {
    const parser = new SseParser();
    const events = parser.push(': keep-alive\n\nid: 7\nevent: progress\ndata: {"step": 1}\n\nevent: status\ndata: {"status": "SUCCEEDED"}\n\n');
    expect(events).toEqual([
      { event: 'progress', data: '{"step": 1}', id: '7' },
      { event: 'status', data: '{"status": "SUCCEEDED"}', id: '7' },
    ]);
  });

  it('joins multi-line data, names unnamed events "message", and strips one leading space', () => {
    const events = new SseParser().push('data:a\ndata:  b\n\n');
    expect(events).toEqual([{ event: 'message', data: 'a\n b', id: undefined }]);
  });

  it('completes events split across chunks at any point, \\r\\n line ends included', () => {
    const text = 'event: metric\r\ndata: {"loss": 0.5}\r\n\r\nevent: metric\r\ndata: {"loss": 0.4}\r\n\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events.map((e) => e.data), `cut at ${cut}`).toEqual(['{"loss": 0.5}', '{"loss": 0.4}']);
    }
  });

  it('dispatches nothing for an event without data, or before the blank line', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\n')).toEqual([]);
    expect(parser.push('data: x\n')).toEqual([]);
    expect(parser.push('\n')).toHaveLength(1);
  });
});
