package io.experienceledger.model;

/**
 * An inclusive range of timestamps; either end may be null (open). Compared as strings, by code point,
 * never parsed as dates.
 */
public record TimeRange(String start, String end) {
}
