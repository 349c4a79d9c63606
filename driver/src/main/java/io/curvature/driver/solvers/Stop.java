package io.curvature.driver.solvers;

/** Why a solver stops: the status and a sentence naming the reason. */
public record Stop(Status status, String reason) {}
