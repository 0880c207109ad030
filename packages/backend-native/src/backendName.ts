/** The name `registerNativeBackend` registers the backend under (for `tf.setBackend`). */
export const NATIVE_BACKEND_NAME = 'qfcn-native';
