/**
 * Every lesson's exercises, by lesson slug. One import per lesson that has exercises;
 * `npm run check:content` fails when a lesson folder's exercises.ts is missing from this list.
 */
import type { LessonExercises } from '@/sandbox/exercises/types';
import welcome from './00-welcome/exercises';
import fromServersToCloudNative from './01-from-servers-to-cloud-native/exercises';
import imagesAndContainers from './02-images-and-containers/exercises';
import namespaces from './03-namespaces/exercises';
import cgroups from './04-cgroups/exercises';
import layers from './05-layers/exercises';
import firstImage from './06-first-image/exercises';
import kubernetesArchitecture from './07-kubernetes-architecture/exercises';
import installWithKubeadm from './08-install-with-kubeadm/exercises';
import shipYourApp from './09-ship-your-app/exercises';

export const LESSON_EXERCISES: Record<string, LessonExercises> = {
  welcome,
  'from-servers-to-cloud-native': fromServersToCloudNative,
  'images-and-containers': imagesAndContainers,
  namespaces,
  cgroups,
  layers,
  'first-image': firstImage,
  'kubernetes-architecture': kubernetesArchitecture,
  'install-with-kubeadm': installWithKubeadm,
  'ship-your-app': shipYourApp,
};
