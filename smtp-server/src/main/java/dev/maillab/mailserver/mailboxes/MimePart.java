package dev.maillab.mailserver.mailboxes;

import java.util.List;

/**
 * A node of a message's MIME tree.
 *
 * @param path        "1" for the message, "1.2" for the second part of its multipart: what {@code /parts/{path}}
 *                    takes
 * @param contentType the Content-Type with its parameters, unfolded
 * @param filename    the part's file name, decoded; null without one
 * @param size        octets of the decoded body; 0 for a multipart
 * @param children    the parts of a multipart
 */
public record MimePart(String path, String contentType, String filename, long size, List<MimePart> children) {}
