package io.auditlog.local.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.accessTargetWhere;
import static com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethodWhere;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The service template (docs/decisions.md, "Service template and data access"), one rule set for every service.
 * A service's test names only its own facts (root package, job packages, named JDBC classes, and any declared
 * exception with its reason) and calls one method per rule, so that a failure names the rule:
 *
 * <pre>
 * ServiceTemplate.of("io.auditlog.export").jobPackages("worker", "feed").jdbcClasses(JobClaims.class)
 * </pre>
 *
 * The package rules read the compiled classes (ArchUnit); the SQL-literal rule reads the sources, since a string
 * constant leaves no trace of where it was written once the compiler has inlined it.
 */
public final class ServiceTemplate {

    /** The packages of every service; each background job adds one of its own. */
    public static final List<String> LAYERS = List.of("api", "rest", "service", "repository", "domain", "config",
            "client");
    private static final List<String> JDBC_PACKAGES = List.of("java.sql", "javax.sql", "io.agroal", "org.postgresql");
    private static final Set<String> SQL_CLIENTS = Set.of("io.vertx.mutiny.sqlclient.SqlClient",
            "io.vertx.sqlclient.SqlClient");
    private static final List<String> TRANSACTION_ANNOTATIONS = List.of(
            "io.quarkus.hibernate.reactive.panache.common.WithTransaction", "jakarta.transaction.Transactional");

    /** SQL in a string literal or text block: a statement's leading words, or a PostgreSQL function call. */
    static final Pattern SQL = Pattern.compile("\\b(SELECT\\s+\\S|INSERT\\s+INTO\\b|UPDATE\\s+\\w+(\\.\\w+)?\\s+(\\w+\\s+)?SET\\b"
            + "|DELETE\\s+FROM\\b|COPY\\s*\\(|NOTIFY\\s+\\w|LISTEN\\s+\\w|LOCK\\s+TABLE\\b|WITH\\s+\\w+\\s+AS\\b"
            + "|SET\\s+LOCAL\\b|TRUNCATE\\s+\\w)|\\bpg_\\w+\\(");
    /** A transaction begun or ended by hand in SQL. */
    static final Pattern TRANSACTION_SQL = Pattern.compile("^\\s*(BEGIN|START\\s+TRANSACTION|COMMIT|ROLLBACK)\\b");

    private final String root;
    private final Set<String> jobPackages = new LinkedHashSet<>();
    private final Set<String> jdbcClasses = new LinkedHashSet<>();
    private final Map<String, Set<String>> allowedAccesses = new LinkedHashMap<>();
    private final Map<String, Set<String>> allowedJdbcTypes = new LinkedHashMap<>();
    private final Set<String> reactiveSqlClasses = new LinkedHashSet<>();
    /** The declared exceptions with their reasons, by rule: they are part of each rule's description. */
    private final Map<String, List<String>> declared = new LinkedHashMap<>();
    private boolean testSources;
    private JavaClasses classes;

    private ServiceTemplate(String root) {
        this.root = root;
    }

    /** The template for the service whose classes are under {@code root}, e.g. {@code io.auditlog.export}. */
    public static ServiceTemplate of(String root) {
        return new ServiceTemplate(root);
    }

    /** The service's background jobs, one package each (directly under the root). */
    public ServiceTemplate jobPackages(String... names) {
        jobPackages.addAll(Arrays.asList(names));
        return this;
    }

    /** The named classes that may use JDBC (their nested classes included) and write SQL outside repository. */
    public ServiceTemplate jdbcClasses(Class<?>... named) {
        Arrays.stream(named).map(Class::getName).forEach(jdbcClasses::add);
        return this;
    }

    /**
     * A declared exception to "dependencies point down": package {@code from} may use package {@code to} (both
     * directly under the root). {@code why} is for the reader of the service's test; say it there.
     */
    public ServiceTemplate allowAccess(String from, String to, String why) {
        allowedAccesses.computeIfAbsent(from, f -> new LinkedHashSet<>()).add(to);
        declare("layers", from + " -> " + to, why);
        return this;
    }

    /** A declared exception to "JDBC only in the named classes": {@code origin} may name the JDBC type {@code jdbcType}. */
    public ServiceTemplate allowJdbcType(Class<?> origin, Class<?> jdbcType, String why) {
        allowedJdbcTypes.computeIfAbsent(origin.getName(), o -> new LinkedHashSet<>()).add(jdbcType.getName());
        declare("jdbc", origin.getSimpleName() + " -> " + jdbcType.getName(), why);
        return this;
    }

    /** A declared exception to "reactive SQL only in repository": {@code origin} may run statements itself. */
    public ServiceTemplate allowReactiveSql(Class<?> origin, String why) {
        reactiveSqlClasses.add(origin.getName());
        declare("reactive", origin.getSimpleName(), why);
        return this;
    }

    /** Checks the classes and sources of the test tree (src/test/java) instead: for the rules' own tests. */
    ServiceTemplate readingTestSources() {
        testSources = true;
        return this;
    }

    /** Rule 1: every class lives in a package of the template or in one of the service's job packages. */
    public void everyClassLivesInATemplatePackage() {
        classes().should().resideInAnyPackage(packages().stream().map(this::pkg).toArray(String[]::new))
                .because("the service template has these packages and no others").check(imported());
    }

    /** Rule 2a: nothing outside {@code rest} depends on {@code rest}. */
    public void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage(pkg("rest") + "..").should().dependOnClassesThat()
                .resideInAPackage(pkg("rest") + "..").check(imported());
    }

    /**
     * Rule 2b: every dependency points down. rest uses api, service, the jobs, domain, config; service uses api,
     * repository, domain, client, config; a job uses service, repository, domain, client, config; repository and
     * client use domain and config; api and config use domain; domain uses no other package of the service.
     */
    public void everyDependencyPointsDown() {
        String[] jobs = jobPackages.toArray(String[]::new);
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (String layer : packages()) {
            layers = layers.layer(layer).definedBy(pkg(layer) + "..");
        }
        layers = layers
                .whereLayer("rest").mayOnlyAccessLayers(concat(jobs, "api", "service", "domain", "config"))
                .whereLayer("service").mayOnlyAccessLayers("api", "repository", "domain", "client", "config")
                .whereLayer("repository").mayOnlyAccessLayers("domain", "config")
                .whereLayer("client").mayOnlyAccessLayers("domain", "config")
                .whereLayer("api").mayOnlyAccessLayers("domain")
                .whereLayer("config").mayOnlyAccessLayers("domain")
                .whereLayer("domain").mayNotAccessAnyLayer();
        for (String job : jobs) {
            layers = layers.whereLayer(job).mayOnlyAccessLayers("service", "repository", "domain", "client", "config");
        }
        for (Map.Entry<String, Set<String>> allowed : allowedAccesses.entrySet()) {
            for (String to : allowed.getValue()) {
                layers = layers.ignoreDependency(resideInAPackage(pkg(allowed.getKey()) + ".."),
                        resideInAPackage(pkg(to) + ".."));
            }
        }
        layers.because(exceptions("layers")).check(imported());
    }

    /** Rule 2c: the domain is plain Java: no reactive client, HTTP or database API. */
    public void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage(pkg("domain") + "..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(JDBC_PACKAGES.stream().map(p -> p + "..").toArray(String[]::new),
                        "io.vertx..", "io.smallrye.mutiny..", "jakarta.ws.rs..", "org.hibernate.."))
                .check(imported());
    }

    /** Rule 3: JDBC (java.sql, javax.sql, Agroal, the PostgreSQL driver) only in the named JDBC classes. */
    public void jdbcOnlyInTheNamedClasses() {
        classes().that(not(in(jdbcClasses, "a named JDBC class"))).should(onlyHaveDependenciesWhere(
                describe("the target is not JDBC " + JDBC_PACKAGES,
                        d -> isNotJdbcOrAllowed(d.getOriginClass(), d.getTargetClass()))))
                .andShould(catchNoJdbcType())
                .because(exceptions("jdbc")).check(imported());
    }

    /** A caught exception type is no ArchUnit dependency; a catch of SQLException is JDBC all the same. */
    private ArchCondition<JavaClass> catchNoJdbcType() {
        return new ArchCondition<>("catch no JDBC type") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaCodeUnit unit : origin.getCodeUnits()) {
                    for (TryCatchBlock block : unit.getTryCatchBlocks()) {
                        block.getCaughtThrowables().stream().filter(caught -> !isNotJdbcOrAllowed(origin, caught))
                                .forEach(caught -> events.add(SimpleConditionEvent.violated(block, unit.getFullName()
                                        + " catches " + caught.getName() + " in " + block.getSourceCodeLocation())));
                    }
                }
            }
        };
    }

    /**
     * Rule 4: transactions are opened only in {@code service} and the job packages, which pass the connection down;
     * never in a repository, a resource, or any other package (no withTransaction/begin call, no
     * {@code @WithTransaction}/{@code @Transactional}, no BEGIN or COMMIT in SQL). The named JDBC classes' own
     * {@code setAutoCommit(false)} is rule 3's business.
     */
    public void transactionsOpenOnlyInServicesAndJobs() {
        List<String> opening = new ArrayList<>(List.of("service"));
        opening.addAll(jobPackages);
        String[] others = packages().stream().filter(p -> !opening.contains(p)).map(p -> pkg(p) + "..")
                .toArray(String[]::new);
        allOf(() -> noClasses().that().resideInAnyPackage(others)
                .should(callMethodWhere(describe("the target is named withTransaction or begin",
                        call -> Set.of("withTransaction", "begin").contains(call.getName()))))
                .orShould(anyOf(TRANSACTION_ANNOTATIONS))
                .because("the service (or a job) opens the transaction and passes the connection down")
                .check(imported()),
                () -> noMethods().that().areDeclaredInClassesThat().resideInAnyPackage(others)
                        .should(anyOf(TRANSACTION_ANNOTATIONS))
                        .because("the service (or a job) opens the transaction and passes the connection down")
                        .check(imported()),
                () -> {
                    List<String> offenders = new ArrayList<>();
                    forEachLiteral((file, literal) -> {
                        if (opening.stream().noneMatch(p -> inPackage(file, p)) && !isJdbcSource(file)
                                && TRANSACTION_SQL.matcher(literal).find()) {
                            offenders.add(file + ": " + literal.strip());
                        }
                    });
                    if (!offenders.isEmpty()) {
                        throw new AssertionError("Transactions begun or ended in SQL outside service and the jobs: "
                                + offenders);
                    }
                });
    }

    /** Runs every check and fails with all their failures: a rule made of several checks reports them all. */
    private static void allOf(Runnable... checks) {
        List<String> failures = new ArrayList<>();
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }

    /**
     * Rule 5a: no SQL string literal outside {@code repository} and the named JDBC classes. The scan must also find
     * SQL where it is allowed, so that a scan of the wrong directory cannot pass.
     */
    public void noSqlStringOutsideRepositories() {
        List<String> offenders = new ArrayList<>();
        Set<String> withSql = new LinkedHashSet<>();
        forEachLiteral((file, literal) -> {
            if (SQL.matcher(literal).find()) {
                if (inPackage(file, "repository") || isJdbcSource(file)) {
                    withSql.add(file);
                } else {
                    offenders.add(file + ": " + literal.strip());
                }
            }
        });
        if (!offenders.isEmpty()) {
            throw new AssertionError("SQL outside repository and the named JDBC classes " + jdbcClasses + ": "
                    + offenders);
        }
        if (withSql.isEmpty()) {
            throw new AssertionError("the scan of " + sources() + " found no SQL at all, not even in repository");
        }
    }

    /** Rule 5b: statements run through the reactive client (query/preparedQuery of a SqlClient) only in repository. */
    public void reactiveSqlOnlyInRepositories() {
        noClasses().that().resideOutsideOfPackage(pkg("repository") + "..")
                .and(not(in(reactiveSqlClasses, "a declared exception"))).should(accessTargetWhere(describe(
                        "the target is query or preparedQuery of a reactive SqlClient", ServiceTemplate::runsSql)))
                .because(exceptions("reactive")).check(imported());
    }

    /** All the rules, for a test that wants them at once. */
    public void check() {
        everyClassLivesInATemplatePackage();
        nothingOutsideRestDependsOnRest();
        everyDependencyPointsDown();
        theDomainIsPlainJava();
        jdbcOnlyInTheNamedClasses();
        transactionsOpenOnlyInServicesAndJobs();
        noSqlStringOutsideRepositories();
        reactiveSqlOnlyInRepositories();
    }

    private void declare(String rule, String what, String why) {
        declared.computeIfAbsent(rule, r -> new ArrayList<>()).add(what + " (" + why + ")");
    }

    private String exceptions(String rule) {
        List<String> exceptions = declared.getOrDefault(rule, List.of());
        return exceptions.isEmpty() ? "it is the service template" : "it is the service template, with the service's"
                + " declared exceptions: " + String.join("; ", exceptions);
    }

    private static boolean runsSql(JavaAccess<?> access) {
        return Set.of("query", "preparedQuery").contains(access.getName())
                && SQL_CLIENTS.stream().anyMatch(client -> access.getTargetOwner().isAssignableTo(client));
    }

    private boolean isNotJdbcOrAllowed(JavaClass origin, JavaClass targetClass) {
        String target = targetClass.getBaseComponentType().getName();
        boolean jdbc = JDBC_PACKAGES.stream().anyMatch(p -> target.startsWith(p + "."));
        return !jdbc || allowedJdbcTypes.getOrDefault(topLevel(origin.getName()), Set.of()).contains(target);
    }

    private static <T extends HasAnnotations<?> & HasDescription & HasSourceCodeLocation> ArchCondition<T> anyOf(List<String> annotations) {
        ArchCondition<T> condition = beAnnotatedWith(annotations.get(0));
        for (String annotation : annotations.subList(1, annotations.size())) {
            condition = condition.or(beAnnotatedWith(annotation));
        }
        return condition;
    }

    /** A class named in {@code names}, or nested in one of them (lambdas and inner classes are the class's own). */
    private static DescribedPredicate<JavaClass> in(Set<String> names, String description) {
        return describe(description + " " + names, c -> names.contains(topLevel(c.getName())));
    }

    private static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private List<String> packages() {
        List<String> all = new ArrayList<>(LAYERS);
        all.addAll(jobPackages);
        return all;
    }

    private String pkg(String name) {
        return root + "." + name;
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(rest)).toArray(String[]::new);
    }

    private synchronized JavaClasses imported() {
        if (classes == null) {
            ClassFileImporter importer = new ClassFileImporter();
            if (!testSources) {
                importer = importer.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
            }
            classes = importer.importPackages(root);
            if (classes.isEmpty()) {
                throw new AssertionError("no classes found under " + root);
            }
        }
        return classes;
    }

    // --- the source scan -------------------------------------------------------------------------------------------

    private Path sources() {
        return Path.of(testSources ? "src/test/java" : "src/main/java", root.split("\\."));
    }

    /** Whether {@code file} (relative to the root's directory, with '/') is in the root's package {@code name}. */
    private static boolean inPackage(String file, String name) {
        return file.startsWith(name + "/") && file.indexOf('/', name.length() + 1) < 0;
    }

    private boolean isJdbcSource(String file) {
        return jdbcClasses.stream().anyMatch(c -> c.startsWith(root + ".")
                && file.equals(c.substring(root.length() + 1).replace('.', '/') + ".java"));
    }

    private void forEachLiteral(BiConsumer<String, String> action) {
        Path dir = sources();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            if (java.isEmpty()) {
                throw new AssertionError("no sources in " + dir.toAbsolutePath());
            }
            for (Path file : java) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                for (String literal : StringLiterals.of(Files.readString(file))) {
                    action.accept(relative, literal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
