export { registerNativeBackend, type NativeBackendOptions, type NativeBackendResult } from './registerNativeBackend';
export { isNativeAvailable } from './isNativeAvailable';
export { NativeBackend, type KernelCount } from './nativeBackend';
export { NATIVE_BACKEND_NAME } from './backendName';
