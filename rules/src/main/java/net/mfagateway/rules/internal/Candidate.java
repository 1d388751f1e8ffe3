package net.mfagateway.rules.internal;

/** A normalised code found next to an anchor, with how strongly the anchor vouches for it. */
record Candidate(String code, double strength, String where) {
}
