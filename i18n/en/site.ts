/** Site chrome: header, course home, lesson page, 404. Owned by the site; add keys as needed. */
export const site = {
  name: 'Dockyard',
  tagline: 'Learn containers and Kubernetes by taking them apart, in your browser.',
};
