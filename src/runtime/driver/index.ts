// The runtime driver: containers from OCI bundles through conmon and crun
// (default) or runc; attach, exec, exit codes, k8s-file logs.
export { RuntimeDriver } from './driver.js';
export type { RuntimeDriverOptions, CreateOptions, ContainerStatus } from './driver.js';
export type { RuntimeName, RuntimeState } from './oci-runtime.js';
export { runtimeNames } from './oci-runtime.js';
export type { Attachment } from './attach.js';
export type { ExecOptions, ExecSession } from './exec.js';
export { readLogs } from './log-reader.js';
export type { ReadLogsOptions } from './log-reader.js';
export { parseLogLine } from './k8s-log.js';
export type { LogEntry, LogStream } from './k8s-log.js';
export { findExecutable } from './find-executable.js';
