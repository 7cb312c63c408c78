// Exec instances (moby api/types/container ExecOptions, ExecStartOptions,
// and the daemon's ExecInspect), as the Engine API carries them.

/** POST /containers/{id}/exec, zero values filled in. */
export interface ExecCreateRequest {
  User: string;
  Privileged: boolean;
  Tty: boolean;
  /** [height, width], or null. */
  ConsoleSize: [number, number] | null;
  AttachStdin: boolean;
  AttachStderr: boolean;
  AttachStdout: boolean;
  DetachKeys: string;
  Env: string[];
  WorkingDir: string;
  Cmd: string[];
}

/** POST /exec/{id}/start. */
export interface ExecStartRequest {
  Detach: boolean;
  Tty: boolean;
  ConsoleSize: [number, number] | null;
}

export interface ExecCreateResponse {
  Id: string;
}

/** GET /exec/{id}/json, fields in moby's order. */
export interface ExecInspectResponse {
  ID: string;
  Running: boolean;
  /** null until the process exited. */
  ExitCode: number | null;
  ProcessConfig: {
    tty: boolean;
    entrypoint: string;
    arguments: string[];
    privileged?: boolean;
    user?: string;
  };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}
