package com.bizosaas.eventbus.tenancy;

import com.bizosaas.eventbus.ValidationException;

/** The master key does not unwrap a stored data key: it is not the key the store was encrypted with. */
public class WrongMasterKeyException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public WrongMasterKeyException(WrappedDataKey key) {
        super("invalid_configuration", "the master key (EVENTBUS_MASTER_KEY) does not unwrap the stored data key "
                + key.version() + " of tenant " + key.tenantId() + ": it is not the master key this store's data"
                + " was encrypted with", "EVENTBUS_MASTER_KEY");
    }
}
