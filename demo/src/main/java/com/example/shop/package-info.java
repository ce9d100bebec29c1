/**
 * A small sample application for the {@code demo} subcommand and the end-to-end tests: it runs in its own JVM under
 * the real agent, does benign work on command, then a few attacks. Nothing it does leaves the machine: SQL goes to
 * an in-memory H2 database, files stay under a directory it is given, HTTP goes through a forward proxy it runs on
 * a loopback port (so a request for {@code http://169.254.169.254/...} reaches only that proxy), and the "shell" is
 * {@code sh -c true}.
 *
 * <p>Protocol: one command a line on standard input; after each it prints {@code ok <command>} (or
 * {@code error <command>: <reason>}) on standard output. Commands: {@code benign N}, {@code attack sql},
 * {@code attack traversal}, {@code attack ssrf}, {@code attack exec}, {@code attack gadget}, {@code quit}.
 */
package com.example.shop;
