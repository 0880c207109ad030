export { registerNativeBackend, type NativeBackendOptions, type NativeBackendResult } from './register-native-backend';
export { isNativeAvailable } from './is-native-available';
export { NativeBackend, type KernelCount } from './native-backend';
export { NATIVE_BACKEND_NAME } from './backend-name';
