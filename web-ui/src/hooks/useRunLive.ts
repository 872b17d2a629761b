import { useEffect, useReducer, useState } from 'react';
import { api } from '../api/client';
import { ApiError, problemOf, type Problem } from '../api/problem';
import type { ServerSentEvent } from '../api/sse';
import type { RunMetrics, TrainingRun } from '../api/types';
import {
  applyRunSnapshot,
  applyServerSentEvent,
  INITIAL_RUN_STATE,
  isTerminal,
  type RunLiveState,
} from '../domain/runEvents';
import { applyRunHistory } from '../domain/runHistory';

/** How the page is following the run. */
export type FollowMode = 'connecting' | 'live' | 'polling' | 'finished';

type Action =
  | { kind: 'event'; event: ServerSentEvent }
  | { kind: 'snapshot'; run: TrainingRun }
  | { kind: 'history'; history: RunMetrics }
  | { kind: 'reset' };

function reduce(state: RunLiveState, action: Action): RunLiveState {
  switch (action.kind) {
    case 'event':
      return applyServerSentEvent(state, action.event);
    case 'snapshot':
      return applyRunSnapshot(state, action.run);
    case 'history':
      return applyRunHistory(state, action.history);
    case 'reset':
      return INITIAL_RUN_STATE;
  }
}

const POLL_MS = 2000;
const RECONNECT_MS = 1500;
const STATUS_POLL_MS = 3000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** An event stream the platform does not offer (yet): follow the run by polling instead. */
function streamUnavailable(error: unknown): boolean {
  return error instanceof ApiError && [404, 405, 406, 501].includes(error.status);
}

/**
 * Follows a training run live: its stored metric history first (a finished run's whole curves), then the server-sent
 * events when the platform streams them, polling of the run record otherwise, and one last read of the record and
 * the history when the run ends, so the final metrics, version and curves always show.
 */
export function useRunLive(id: string): { state: RunLiveState; run?: TrainingRun; mode: FollowMode; problem?: Problem; refresh: () => void } {
  const [state, dispatch] = useReducer(reduce, INITIAL_RUN_STATE);
  const [run, setRun] = useState<TrainingRun | undefined>();
  const [mode, setMode] = useState<FollowMode>('connecting');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    dispatch({ kind: 'reset' });
    setProblem(undefined);
    setMode('connecting');

    const readRecord = async (): Promise<TrainingRun> => {
      const latest = await api.getRun(id);
      if (!signal.aborted) {
        setRun(latest);
        dispatch({ kind: 'snapshot', run: latest });
      }
      return latest;
    };

    // The history only adds to the curves: without it (an older platform, a failed read) the live points still draw.
    const readHistory = async () => {
      try {
        const history = await api.getRunMetrics(id);
        if (!signal.aborted) dispatch({ kind: 'history', history });
      } catch {
        // Nothing to add.
      }
    };

    const poll = async () => {
      setMode('polling');
      while (!signal.aborted) {
        const latest = await readRecord();
        if (isTerminal(latest.status)) return;
        await sleep(POLL_MS, signal);
      }
    };

    // Events carry progress and metrics; the status lives in the run record, so it is read alongside the stream,
    // and the stream is closed once the run has ended (a server may keep it open).
    const watchStatus = async (stream: AbortController) => {
      while (!stream.signal.aborted) {
        await sleep(STATUS_POLL_MS, stream.signal);
        if (stream.signal.aborted) return;
        try {
          if (isTerminal((await readRecord()).status)) stream.abort();
        } catch {
          // A failed read shows up in the stream loop's own reads.
        }
      }
    };

    const follow = async () => {
      let latest = await readRecord();
      let lastEventId: string | undefined;
      while (!signal.aborted && !isTerminal(latest.status)) {
        const stream = new AbortController();
        const stopStream = () => stream.abort();
        signal.addEventListener('abort', stopStream);
        void watchStatus(stream);
        try {
          setMode('live');
          await api.followRunEvents(id, (event) => {
            lastEventId = event.id ?? lastEventId;
            dispatch({ kind: 'event', event });
          }, stream.signal, lastEventId);
        } catch (error) {
          if (signal.aborted) return;
          if (!stream.signal.aborted && streamUnavailable(error)) return poll();
          // A dropped connection or a finished run: read the record, and reconnect if it still runs.
        } finally {
          stream.abort();
          signal.removeEventListener('abort', stopStream);
        }
        latest = await readRecord();
        if (!isTerminal(latest.status)) await sleep(RECONNECT_MS, signal);
      }
    };

    void readHistory();
    follow()
      .then(readHistory)
      .then(() => !signal.aborted && setMode('finished'))
      .catch((error: unknown) => {
        if (signal.aborted) return;
        setProblem(problemOf(error));
        setMode('finished');
      });
    return () => abort.abort();
  }, [id, generation]);

  return { state, run, mode, problem, refresh: () => setGeneration((g) => g + 1) };
}
