/**
 * Golden transcripts of installing the cluster (kubeadm on hosts that still swap, kubekey): each
 * .txt here is a terminal session on the three fresh hosts (seed 1). The formats were checked
 * against the tools' sources and published output (see the notes in kubeadm/kubelet-check.ts and
 * kubekey/).
 */
import path from 'node:path';
import { describeGoldenTranscripts } from '../../../scripts/cli/golden-transcripts';
import { findScenario } from '../../scenarios';

describeGoldenTranscripts('install transcripts on three fresh hosts', path.dirname(new URL(import.meta.url).pathname), () => findScenario('three-fresh-hosts')!.build({ seed: 1 }), 30_000);
