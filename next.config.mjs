/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  // /en/welcome/ → out/en/welcome/index.html: any static host serves it without rewrites.
  trailingSlash: true,
  images: { unoptimized: true },
  // Several `next dev` servers can share a checkout when each has its own build folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `next dev` opened at 127.0.0.1 otherwise refuses HMR and never hydrates.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
