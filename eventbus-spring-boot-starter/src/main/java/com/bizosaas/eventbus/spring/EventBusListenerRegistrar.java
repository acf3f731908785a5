package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;

/**
 * Finds {@link EventBusListener} methods on every bean as it is initialised, and registers them
 * with the bus once all singletons exist (so the bus itself is not created early, while post
 * processors are still being set up). Runs during context start-up only.
 */
final class EventBusListenerRegistrar implements BeanPostProcessor, SmartInitializingSingleton {
    private final ObjectProvider<EventBus> bus;
    private final Environment environment;
    private final List<ListenerMethod> found = new ArrayList<>();

    EventBusListenerRegistrar(ObjectProvider<EventBus> bus, Environment environment) {
        this.bus = bus;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, EventBusListener> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<EventBusListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, EventBusListener.class));
        methods.forEach((method, listener) -> found.add(new ListenerMethod(bean,
                AopUtils.selectInvocableMethod(method, bean.getClass()),
                environment.resolveRequiredPlaceholders(listener.eventType()),
                listener.service().isBlank() ? environment.getProperty("spring.application.name", "")
                        : environment.resolveRequiredPlaceholders(listener.service()),
                listener)));
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (found.isEmpty()) {
            return;
        }
        EventBus eventBus = bus.getObject();
        // The bus keeps the handlers until it closes: the registrations need not be kept.
        found.forEach(listener -> listener.register(eventBus));
        found.clear();
    }
}
