package org.firehub.sim; final class Placeholder {}
