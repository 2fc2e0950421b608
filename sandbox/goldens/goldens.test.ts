/**
 * Golden transcripts of the single host: each file in this folder is a terminal session, replayed
 * from a fresh world (seed 1, clock standing still). The formats were checked by hand against the
 * real tools' documented output (see scripts/cli/golden-transcripts.ts for how, and UPDATE_GOLDENS).
 */
import path from 'node:path';
import { Sandbox } from '../index';
import { describeGoldenTranscripts } from '../../scripts/cli/golden-transcripts';

describeGoldenTranscripts('golden transcripts', path.dirname(new URL(import.meta.url).pathname), () => Sandbox.create({ seed: 1 }));
