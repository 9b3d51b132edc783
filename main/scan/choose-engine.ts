import { statfsSync } from 'node:fs';

/** How the walk runs: blocking calls in a worker thread, or bounded asynchronous calls on this thread. */
export type WalkEngine = 'thread' | 'async';

/**
 * statfs(2) `f_type` values of network and cluster file systems (include/uapi/linux/magic.h; the cluster
 * ones as git's compat/fsmonitor lists them). On these, each call waits on the network, so many calls in
 * flight (the async engine) beat one blocking stream.
 */
export const NETWORK_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x65735546, 'FUSE (sshfs, rclone, …)'],
  [0x01021997, '9P'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'kAFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP'],
  [0x00c36400, 'Ceph'],
  [0x0bd00bd0, 'Lustre'],
  [0x47504653, 'GPFS'],
  [0x19830326, 'BeeGFS'],
  [0xaad7aaea, 'PanFS'],
  [0x013111a8, 'IBRIX'],
]);

/** The network file system a root lies on, or `null` for a local one (or one the OS does not name). */
export function networkFileSystem(root: string, statfs: (p: string) => { type: number } = statfsSync): string | null {
  if (/^\\\\[^\\]/.test(root)) return 'Windows network share';
  try {
    return NETWORK_FS_TYPES.get(statfs(root).type) ?? null;
  } catch {
    return null;
  }
}

/** The thread engine for local disks; the async engine as soon as one root is on a network file system. */
export function chooseEngine(roots: readonly string[], statfs?: (p: string) => { type: number }): { engine: WalkEngine; because: string } {
  for (const root of roots) {
    const fs = networkFileSystem(root, statfs);
    if (fs) return { engine: 'async', because: `${root} is on ${fs}` };
  }
  return { engine: 'thread', because: 'all roots are on local file systems' };
}
