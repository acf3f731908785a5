package com.bizosaas.eventbus.model;

/** Direction of a history query over store positions. */
public enum SortOrder {
    OLDEST_FIRST, NEWEST_FIRST
}
