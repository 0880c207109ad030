/** The BullMQ queue every qfcn submitter and worker uses (one Redis database can hold other queues). */
export const QUEUE_NAME = 'qfcn-training';
