package org.firehub.web;

import org.firehub.people.SessionService;
import org.firehub.registry.CsvImporter;
import org.firehub.registry.DeviceRegistration;
import org.firehub.registry.VenueService;

/** The services behind the registry and people API. */
public record ApiServices(SessionService sessions, VenueService venues, DeviceRegistration devices, CsvImporter importer) {}
