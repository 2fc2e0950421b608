/**
 * The systemd units our hosts know: what `systemctl status` says about them and what they log when
 * they start. Later parts of the sandbox add docker.service and kubelet.service here.
 */
export interface UnitDefinition {
  /** `ssh.service`. */
  name: string;
  description: string;
  docs: string[];
  argv: string[];
  rssKiB: number;
  vszKiB: number;
  /** What the daemon itself logs once started (`sshd[PID]: Server listening on ...`). */
  startupLog: string[];
  ident: string;
}

export const UNITS: UnitDefinition[] = [
  { name: 'systemd-journald.service', description: 'Journal Service', docs: ['man:systemd-journald.service(8)', 'man:journald.conf(5)'], argv: ['/usr/lib/systemd/systemd-journald'], rssKiB: 15_360, vszKiB: 48_020, ident: 'systemd-journald', startupLog: ['Journal started'] },
  { name: 'systemd-udevd.service', description: 'Rule-based Manager for Device Events and Files', docs: ['man:systemd-udevd.service(8)', 'man:udev(7)'], argv: ['/usr/lib/systemd/systemd-udevd'], rssKiB: 7_296, vszKiB: 26_396, ident: 'systemd-udevd', startupLog: [] },
  { name: 'systemd-networkd.service', description: 'Network Configuration', docs: ['man:systemd-networkd.service(8)', 'man:org.freedesktop.network1(5)'], argv: ['/usr/lib/systemd/systemd-networkd'], rssKiB: 8_448, vszKiB: 19_160, ident: 'systemd-networkd', startupLog: ['eth0: Link UP', 'eth0: Gained carrier'] },
  { name: 'systemd-resolved.service', description: 'Network Name Resolution', docs: ['man:systemd-resolved.service(8)', 'man:org.freedesktop.resolve1(5)'], argv: ['/usr/lib/systemd/systemd-resolved'], rssKiB: 12_800, vszKiB: 21_332, ident: 'systemd-resolved', startupLog: ['Positive Trust Anchors:', 'Using system hostname \'HOST\'.'] },
  { name: 'cron.service', description: 'Regular background program processing daemon', docs: ['man:cron(8)'], argv: ['/usr/sbin/cron', '-f', '-P'], rssKiB: 2_688, vszKiB: 6_824, ident: 'cron', startupLog: ['(CRON) INFO (pidfile fd = 3)', '(CRON) INFO (Running @reboot jobs)'] },
  { name: 'dbus.service', description: 'D-Bus System Message Bus', docs: ['man:dbus-daemon(1)'], argv: ['@dbus-daemon', '--system', '--address=systemd:', '--nofork', '--nopidfile', '--systemd-activation', '--syslog-only'], rssKiB: 5_248, vszKiB: 9_472, ident: 'dbus-daemon', startupLog: ['[system] Successfully activated service \'org.freedesktop.systemd1\''] },
  { name: 'containerd.service', description: 'containerd container runtime', docs: ['https://containerd.io'], argv: ['/usr/bin/containerd'], rssKiB: 46_336, vszKiB: 1_876_672, ident: 'containerd', startupLog: ['containerd successfully booted in 0.041821s'] },
  { name: 'docker.service', description: 'Docker Application Container Engine', docs: ['https://docs.docker.com'], argv: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'], rssKiB: 78_848, vszKiB: 2_389_336, ident: 'dockerd', startupLog: ['Starting up', 'Loading containers: start.', 'Loading containers: done.', 'Docker daemon commit=45873be graphdriver=overlay2 version=28.0.4', 'Daemon has completed initialization', 'API listen on /run/docker.sock'] },
  { name: 'ssh.service', description: 'OpenBSD Secure Shell server', docs: ['man:sshd(8)', 'man:sshd_config(5)'], argv: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], rssKiB: 8_192, vszKiB: 12_016, ident: 'sshd', startupLog: ['Server listening on 0.0.0.0 port 22.', 'Server listening on :: port 22.'] },
];

/**
 * The kubelet, on the cluster course's hosts. Until kubeadm writes its configuration it exits at
 * once and systemd restarts it every 10 s ("activating (auto-restart)"), as on a real fresh host.
 */
export const KUBELET_UNIT: UnitDefinition = {
  name: 'kubelet.service',
  description: 'kubelet: The Kubernetes Node Agent',
  docs: ['https://kubernetes.io/docs/'],
  argv: ['/usr/bin/kubelet', '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf', '--kubeconfig=/etc/kubernetes/kubelet.conf', '--config=/var/lib/kubelet/config.yaml', '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock', '--pod-infra-container-image=registry.k8s.io/pause:3.10'],
  rssKiB: 73_216,
  vszKiB: 2_154_048,
  ident: 'kubelet',
  startupLog: ['Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.', 'I0302 09:00:00.000000    1500 server.go:486] "Kubelet version" kubeletVersion="v1.31.4"'],
};

/** What the unconfigured kubelet says each time it exits. */
export const KUBELET_UNCONFIGURED = 'E0302 09:00:00.000000    {pid} run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \"/var/lib/kubelet/config.yaml\", error: open /var/lib/kubelet/config.yaml: no such file or directory"';

/** `ssh`, `ssh.service`, `docker` → the unit's full name. */
export function unitName(name: string): string {
  return name.includes('.') ? name : `${name}.service`;
}
