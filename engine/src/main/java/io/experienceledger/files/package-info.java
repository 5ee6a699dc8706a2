/**
 * File permissions of a ledger's directory: what every file and directory the ledger writes is created with (owner
 * only, or group-readable when the ledger was created so), and the check that finds what is more open than that.
 * Depends on nothing else of the project.
 */
package io.experienceledger.files;
