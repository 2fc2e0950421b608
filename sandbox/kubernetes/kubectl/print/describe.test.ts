import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, ReplicaSet } from '../../api/types';
import { describeDeployment, describeNode, describePod, describeService } from './describe';
import { ago, deployment, event, node, NOW, pod, running, service } from './test-fixtures';

const webPod = (): Pod => {
  const p = pod('web-7d4b9c5f8-x2x9k', { node: 'node01', ip: '10.244.1.2', labels: { app: 'web', 'pod-template-hash': '7d4b9c5f8' }, statuses: [running({ containerID: 'containerd://4f1c2b9a', image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0a399eb1' })] });
  p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
  p.spec.containers[0].volumeMounts = [{ name: 'kube-api-access-5x7vq', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }];
  p.spec.serviceAccountName = 'default';
  p.spec.priority = 0;
  p.spec.volumes = [{ name: 'kube-api-access-5x7vq', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: {} }] } }];
  p.spec.tolerations = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c5f8', uid: 'u1', controller: true, blockOwnerDeletion: true }];
  p.status!.hostIP = '192.168.56.11';
  p.status!.startTime = ago(300);
  p.status!.qosClass = 'BestEffort';
  p.status!.conditions = (['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const).map((type) => ({ type, status: 'True' as const }));
  return p;
};

describe('kubectl describe pod', () => {
  it('prints the pod in kubectl v1.31 layout', () => {
    const events = [
      event('Scheduled', 'Successfully assigned default/web-7d4b9c5f8-x2x9k to node01', { name: 'web-7d4b9c5f8-x2x9k', component: 'default-scheduler', first: 300 }),
      event('Pulled', 'Container image "nginx:1.27" already present on machine', { name: 'web-7d4b9c5f8-x2x9k', component: 'kubelet', first: 299 }),
    ];
    expect(describePod(webPod(), events, NOW)).toBe(`Name:             web-7d4b9c5f8-x2x9k
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/192.168.56.11
Start Time:       Wed, 15 Jan 2025 11:55:00 +0000
Labels:           app=web
                  pod-template-hash=7d4b9c5f8
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:           10.244.1.2
Controlled By:  ReplicaSet/web-7d4b9c5f8
Containers:
  app:
    Container ID:   containerd://4f1c2b9a
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:0a399eb1
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 15 Jan 2025 11:55:10 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5x7vq (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-5x7vq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  5m     default-scheduler  Successfully assigned default/web-7d4b9c5f8-x2x9k to node01
  Normal  Pulled     4m59s  kubelet            Container image "nginx:1.27" already present on machine
`);
  });

  it('shows a crashing container with its last state, and repeated events', () => {
    const p = pod('crash-5c7d8b9f6-abcde', { node: 'node01', ip: '10.244.1.3', statuses: [{ restartCount: 5, containerID: 'containerd://9e8d', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(31), finishedAt: ago(30) } } }] });
    const out = describePod(p, [event('BackOff', 'Back-off restarting failed container app in pod crash-5c7d8b9f6-abcde_default(0c1d)', { type: 'Warning', name: 'crash-5c7d8b9f6-abcde', component: 'kubelet', first: 580, last: 20, count: 12 })], NOW);
    expect(out).toContain(`    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Wed, 15 Jan 2025 11:59:29 +0000
      Finished:     Wed, 15 Jan 2025 11:59:30 +0000
    Ready:          False
    Restart Count:  5
`);
    expect(out).toContain('  Warning  BackOff  20s (x12 over 9m40s)  kubelet  Back-off restarting failed container app in pod crash-5c7d8b9f6-abcde_default(0c1d)\n');
    expect(out).toContain('Volumes:            <none>\nQoS Class:          BestEffort\n');
  });
});

describe('kubectl describe node', () => {
  it('prints conditions, capacity, system info and allocated resources', () => {
    const n = node('controlplane', { roles: ['control-plane'], ip: '192.168.56.10', age: 1800 });
    const api = pod('kube-apiserver-controlplane', { namespace: 'kube-system', age: 1790 });
    api.spec.containers[0].resources = { requests: { cpu: '250m' } };
    const dns = pod('coredns-7c65d6cfc9-8kq2z', { namespace: 'kube-system', age: 1780 });
    dns.spec.containers[0].resources = { requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } };
    const out = describeNode(n, [api, dns], [], NOW);
    expect(out).toContain(`Name:               controlplane
Roles:              control-plane
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=controlplane
                    kubernetes.io/os=linux
                    node-role.kubernetes.io/control-plane=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Wed, 15 Jan 2025 11:30:00 +0000
Taints:             node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      false
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Wed, 15 Jan 2025 11:59:30 +0000   Wed, 15 Jan 2025 11:30:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
`);
    expect(out).toContain(`Addresses:
  InternalIP:  192.168.56.10
  Hostname:    controlplane
Capacity:
  cpu:                2
  ephemeral-storage:  19221248Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             4015360Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  17714119247
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3912960Ki
  pods:               110
System Info:
  Machine ID:                 a1b2c3d4e5f60718293a4b5c6d7e8f90
  System UUID:                a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90
  Boot ID:                    0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
  Kernel Version:             6.8.0-49-generic
  OS Image:                   Ubuntu 24.04.1 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.24
  Kubelet Version:            v1.31.4
  Kube-Proxy Version:         v1.31.4
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
Non-terminated Pods:          (2 in total)
  Namespace                   Name                           CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                           ------------  ----------  ---------------  -------------  ---
  kube-system                 kube-apiserver-controlplane    250m (12%)    0 (0%)      0 (0%)           0 (0%)         29m
  kube-system                 coredns-7c65d6cfc9-8kq2z       100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     29m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                350m (17%)  0 (0%)
  memory             70Mi (1%)   170Mi (4%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
`);
  });
});

describe('kubectl describe deployment and service', () => {
  it('prints a deployment with its pod template and replicasets', () => {
    const rs = { metadata: { name: 'web-7d4b9c5f8' }, spec: { replicas: 3 }, status: { replicas: 3 } } as ReplicaSet;
    const events = [event('ScalingReplicaSet', 'Scaled up replica set web-7d4b9c5f8 to 3', { kind: 'Deployment', name: 'web', component: 'deployment-controller', first: 600 })];
    expect(describeDeployment(deployment, [], rs, events, NOW)).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 15 Jan 2025 11:50:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 2 available | 1 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      False   MinimumReplicasUnavailable
  Progressing    True    ReplicaSetUpdated
OldReplicaSets:  <none>
NewReplicaSet:   web-7d4b9c5f8 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  10m   deployment-controller  Scaled up replica set web-7d4b9c5f8 to 3
`);
  });

  it('prints a NodePort service with its endpoints', () => {
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }], ports: [{ port: 80, protocol: 'TCP' }] }] };
    expect(describeService(service, ep, [], NOW)).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.140.12
IPs:                      10.96.140.12
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.1.2:80,10.244.2.2:80
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });
});
