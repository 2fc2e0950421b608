/**
 * overlay2's on-disk layout, written into the host's filesystem so students can look at it:
 * /var/lib/docker/overlay2/<id>/{diff,link,lower,work} and the short names in overlay2/l.
 */
import type { IFileSystem } from 'just-bash';
import type { Random } from '../core/random';
import { sha256 } from '../core/sha256';
import { pathExists } from '../fs/paths';
import { SpecialFiles } from '../fs/special-files';
import type { LayerFile } from './image-spec';

export const OVERLAY2 = '/var/lib/docker/overlay2';
const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A short link name, as docker makes: 26 upper-case letters and digits. */
export function linkName(random: Random): string {
  let name = '';
  for (let i = 0; i < 26; i++) name += LINK_ALPHABET[random.int(LINK_ALPHABET.length)];
  return name;
}

/** The directory name of a layer: derived from its chain, so the same stack reuses the same dirs. */
export function cacheIdFor(chain: string[]): string {
  return sha256(chain.join('\n'));
}

export async function writeLayerFiles(fs: IFileSystem, diffDir: string, files: Record<string, LayerFile>): Promise<void> {
  const special = new SpecialFiles(fs);
  await fs.mkdir(diffDir, { recursive: true });
  // Directories first, then files and links, so parents exist.
  const entries = Object.entries(files).sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const [path, file] of entries) {
    const target = diffDir + path;
    const parent = target.slice(0, target.lastIndexOf('/'));
    await fs.mkdir(parent, { recursive: true });
    if (typeof file === 'string') await fs.writeFile(target, file);
    else if ('symlink' in file) {
      if (!(await exists(fs, target))) await fs.symlink(file.symlink, target);
    } else if ('dir' in file) {
      await fs.mkdir(target, { recursive: true });
      if (file.mode !== undefined) await fs.chmod(target, file.mode);
    } else if ('whiteout' in file) await special.makeDevice(target, { major: 0, minor: 0 });
    else {
      await fs.writeFile(target, file.content);
      await fs.chmod(target, file.mode);
    }
  }
}

export async function writeLayerDirectory(fs: IFileSystem, cacheId: string, link: string, lowerLinks: string[], files: Record<string, LayerFile>): Promise<void> {
  const dir = `${OVERLAY2}/${cacheId}`;
  await writeLayerFiles(fs, `${dir}/diff`, files);
  await fs.writeFile(`${dir}/link`, link);
  if (lowerLinks.length > 0) {
    await fs.writeFile(`${dir}/lower`, lowerLinks.map((l) => `l/${l}`).join(':'));
    await fs.mkdir(`${dir}/work`, { recursive: true });
  }
  await fs.mkdir(`${OVERLAY2}/l`, { recursive: true });
  if (!(await exists(fs, `${OVERLAY2}/l/${link}`))) await fs.symlink(`../${cacheId}/diff`, `${OVERLAY2}/l/${link}`);
}

const exists = pathExists;

/** Removes a layer directory and its short link, as the driver does when a container is removed. */
export async function removeLayerDirectory(fs: IFileSystem, cacheId: string): Promise<void> {
  const dir = `${OVERLAY2}/${cacheId}`;
  let link = '';
  try {
    link = (await fs.readFile(`${dir}/link`)).trim();
  } catch {
    return;
  }
  await fs.rm(dir, { recursive: true, force: true });
  if (link) await fs.rm(`${OVERLAY2}/l/${link}`, { force: true });
}
