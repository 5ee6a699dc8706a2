/**
 * Not API: the rules every {@link io.experienceledger.store.ExperienceStore} implementation shares (envelope and
 * batch validation, query matching, the merge of engine and user records, artifact transitions), public only so
 * that the journal store and the command line can use them. They may change in any release without notice.
 */
package io.experienceledger.store.internal;
