package io.pulse.deployment;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.unit.DataSize;

/** The property names a package's {@code @ConfigurationProperties} classes bind, read from the classes themselves. */
final class ConfigurationPropertyNames {

  /** container: a list, map or value object that binds further segments below the name. */
  record Property(String name, boolean container, String source) {}

  private ConfigurationPropertyNames() {}

  static List<Property> scan(String basePackage) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    List<Property> properties = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
      Class<?> type = load(candidate.getBeanClassName());
      ConfigurationProperties annotation = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class);
      String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
      walk(type, prefix, type.getSimpleName(), properties, 0);
    }
    return properties;
  }

  private static void walk(Class<?> type, String prefix, String source, List<Property> out, int depth) {
    if (depth > 8) {
      throw new IllegalStateException("configuration nests too deep at " + prefix);
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        add(component.getType(), prefix + "." + kebab(component.getName()), source, out, depth);
      }
      return;
    }
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        add(field.getType(), prefix + "." + kebab(field.getName()), source, out, depth);
      }
    }
  }

  private static void add(Class<?> type, String name, String source, List<Property> out, int depth) {
    if (isScalar(type)) {
      out.add(new Property(name, false, source));
    } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type.isArray()) {
      out.add(new Property(name, true, source));
    } else if (type.getPackageName().startsWith("io.pulse")) {
      out.add(new Property(name, true, source));
      walk(type, name, source, out, depth + 1);
    } else {
      out.add(new Property(name, false, source));
    }
  }

  private static boolean isScalar(Class<?> type) {
    return type.isPrimitive() || type.isEnum() || Number.class.isAssignableFrom(type) || type == Boolean.class
        || CharSequence.class.isAssignableFrom(type) || type == Character.class || TemporalAmount.class.isAssignableFrom(type)
        || Temporal.class.isAssignableFrom(type) || type == DataSize.class || type == URI.class || type == Path.class
        || type == Charset.class || type == Class.class;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static Class<?> load(String className) {
    try {
      return Class.forName(className, false, ConfigurationPropertyNames.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load " + className + " (is its module a test dependency of deployment-tests?)", e);
    }
  }
}
