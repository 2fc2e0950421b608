/**
 * dockerd's event stream: what happened to containers, images, networks and volumes, in order,
 * with the attributes `docker events` prints. Kept in memory like the daemon's (the last 1024 since
 * it started), and told to followers as it happens.
 */
export interface DockerEvent {
  time: number;
  type: 'container' | 'image' | 'network' | 'volume';
  action: string;
  /** The object's id (or an image's reference, as docker reports pulls). */
  id: string;
  attributes: Record<string, string>;
}

const KEPT = 1024;

export class EventLog {
  private readonly events: DockerEvent[] = [];
  private readonly followers = new Set<(event: DockerEvent) => void>();

  constructor(private readonly now: () => number) {}

  emit(type: DockerEvent['type'], action: string, id: string, attributes: Record<string, string> = {}): void {
    const event = { time: this.now(), type, action, id, attributes };
    this.events.push(event);
    if (this.events.length > KEPT) this.events.shift();
    for (const follower of this.followers) follower(event);
  }

  /** Events with since <= time <= until. */
  between(since: number, until: number): DockerEvent[] {
    return this.events.filter((e) => e.time >= since && e.time <= until);
  }

  follow(listener: (event: DockerEvent) => void): () => void {
    this.followers.add(listener);
    return () => this.followers.delete(listener);
  }
}
