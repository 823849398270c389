package org.firehub.auth;

import org.firehub.device.Device;

/** A registered device with the version of its DTLS PSK: what a PSK handshake needs to know. */
public record PskDevice(Device device, int pskVersion) {}
