// Device Python: syntax, compiler and runtime of the workload language.
export { DevicePython, PythonTask, pythonVersionOf, type RunOutcome, type TaskStep, type DevicePythonOptions, type PythonHost, type PythonVersion } from './device-python.js';
export { Vm } from './runtime/vm.js';
export { DeviceStop, PyException } from './runtime/errors.js';
export { encodeOutput } from './runtime/output.js';
export { DeviceModules, type CriticalRecord, type DigiCli } from './modules/device.js';
