package org.ogi.submission.service;

import org.ogi.format.AgencyCodes;
import org.ogi.support.problem.ProblemException;
import org.ogi.support.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.submission.domain.Agency;
import org.ogi.submission.messaging.OutboxWriter;

/**
 * The agency registry. Every change is published as the agency's whole state, with its effective supervising office
 * (Art. 49: a department or township reports to its own government's office, a government to its parent region's),
 * so a new government also republishes the agencies it now supervises.
 */
@ApplicationScoped
public class RegistryService {

    private static final int CHUNK = 1000;
    private static final int MAX_REPORTED_PROBLEMS = 500;

    private final EntityManager em;
    private final RegionDirectory regions;
    private final OutboxWriter outbox;

    public RegistryService(EntityManager em, RegionDirectory regions, OutboxWriter outbox) {
        this.em = em;
        this.regions = regions;
        this.outbox = outbox;
    }

    public record Entry(String code, AgencyRequest request, Integer line) {
    }

    public record ImportResult(int created, int updated, int unchanged) {
    }

    public Optional<Agency> agency(String code) {
        return Agency.findByIdOptional(code);
    }

    /** Creates or replaces one agency; true when it was created. */
    @Transactional
    public boolean upsert(String code, AgencyRequest request) {
        ImportResult r = upsertAll(List.of(new Entry(code, request, null)));
        return r.created() == 1;
    }

    /** All or nothing: any bad line rejects the whole import with every problem listed. */
    @Transactional
    public ImportResult upsertAll(List<Entry> entries) {
        validate(entries);
        Map<String, Agency> existing = load(entries.stream().map(Entry::code).toList());
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        List<Agency> changed = new ArrayList<>();
        for (Entry e : entries) {
            Agency a = existing.get(e.code());
            boolean isNew = a == null;
            if (isNew) {
                a = new Agency();
                a.code = e.code();
            }
            AgencyState before = isNew ? null : state(a, null);
            AgencyValidator.apply(a, e.request());
            if (!isNew && before.equals(state(a, null))) {
                continue;
            }
            a.updatedAt = now;
            if (isNew) {
                a.persist();
                created++;
            } else {
                updated++;
            }
            changed.add(a);
        }
        if (!changed.isEmpty()) {
            em.flush();
            publish(withDependents(changed), now);
        }
        return new ImportResult(created, updated, entries.size() - created - updated);
    }

    /** The supervising office as published: the explicit override, else Art. 49's default. */
    public Optional<String> effectiveSupervisor(Agency a) {
        return Optional.ofNullable(resolveSupervisors(List.of(a)).get(a.code));
    }

    private void validate(List<Entry> entries) {
        Set<String> inImport = new HashSet<>();
        List<Problem.Item> problems = new ArrayList<>();
        for (Entry e : entries) {
            if (!inImport.add(e.code())) {
                problems.add(new Problem.Item(null, null, e.line(), "code", "第" + e.line() + "行：机构代码 " + e.code() + " 重复出现"));
            }
        }
        Set<String> referenced = new HashSet<>();
        entries.forEach(e -> {
            if (!AgencyValidator.blank(e.request().supervisorCode())) {
                referenced.add(e.request().supervisorCode().strip());
            }
        });
        referenced.removeAll(inImport);
        referenced.removeIf(c -> AgencyCodes.problem(c).isPresent()); // refused below, and never sent to the database
        Set<String> known = load(referenced).keySet();
        for (Entry e : entries) {
            problems.addAll(AgencyValidator.problems(e.code(), e.request(), e.line(), regions::exists,
                    c -> inImport.contains(c) || known.contains(c)));
        }
        if (!problems.isEmpty()) {
            int total = problems.size();
            String detail = entries.size() == 1
                    ? "机构信息有" + total + "处错误，未保存"
                    : "导入文件有" + total + "处错误，全部未导入" + (total > MAX_REPORTED_PROBLEMS ? "（仅列出前" + MAX_REPORTED_PROBLEMS + "处）" : "");
            throw ProblemException.unprocessable(detail, problems.subList(0, Math.min(total, MAX_REPORTED_PROBLEMS)));
        }
    }

    private Map<String, Agency> load(Collection<String> codes) {
        Map<String, Agency> found = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            Agency.<Agency>list("code in ?1", chunk).forEach(a -> found.put(a.code, a));
        }
        return found;
    }

    /** Changed agencies plus those whose default supervisor is a changed government. */
    private Collection<Agency> withDependents(List<Agency> changed) {
        Map<String, Agency> out = new LinkedHashMap<>();
        changed.forEach(a -> out.put(a.code, a));
        Set<String> governmentRegions = new HashSet<>();
        changed.stream().filter(a -> a.kind == AgencyKind.GOVERNMENT).forEach(a -> governmentRegions.add(a.regionCode));
        if (!governmentRegions.isEmpty()) {
            List<String> regionList = new ArrayList<>(governmentRegions);
            for (int i = 0; i < regionList.size(); i += CHUNK) {
                List<String> chunk = regionList.subList(i, Math.min(regionList.size(), i + CHUNK));
                em.createQuery("""
                        select a from Agency a where a.supervisorCode is null and (
                          (a.kind <> :gov and a.regionCode in :regions)
                          or (a.kind = :gov and a.regionCode in (select r.code from Region r where r.parentCode in :regions)))
                        """, Agency.class)
                        .setParameter("gov", AgencyKind.GOVERNMENT)
                        .setParameter("regions", chunk)
                        .getResultList()
                        .forEach(a -> out.putIfAbsent(a.code, a));
            }
        }
        return out.values();
    }

    private void publish(Collection<Agency> agencies, Instant now) {
        Map<String, String> supervisors = resolveSupervisors(agencies);
        outbox.agencies(agencies.stream().map(a -> state(a, supervisors.get(a.code))).toList(), now);
    }

    private Map<String, String> resolveSupervisors(Collection<Agency> agencies) {
        Set<String> neededRegions = new HashSet<>();
        for (Agency a : agencies) {
            if (a.supervisorCode == null) {
                supervisingRegion(a).ifPresent(neededRegions::add);
            }
        }
        Map<String, String> governmentOf = new HashMap<>();
        List<String> regionList = new ArrayList<>(neededRegions);
        for (int i = 0; i < regionList.size(); i += CHUNK) {
            List<String> chunk = regionList.subList(i, Math.min(regionList.size(), i + CHUNK));
            // the government still in office wins over a retired one (valid_to null sorts last, so it is put last)
            em.createQuery("select a from Agency a where a.kind = :gov and a.regionCode in :regions order by a.validTo nulls last",
                    Agency.class)
                    .setParameter("gov", AgencyKind.GOVERNMENT)
                    .setParameter("regions", chunk)
                    .getResultList()
                    .forEach(g -> governmentOf.put(g.regionCode, g.code));
        }
        Map<String, String> result = new HashMap<>();
        for (Agency a : agencies) {
            String sup = a.supervisorCode != null ? a.supervisorCode
                    : supervisingRegion(a).map(governmentOf::get).orElse(null);
            if (sup != null && !sup.equals(a.code)) {
                result.put(a.code, sup);
            }
        }
        return result;
    }

    private Optional<String> supervisingRegion(Agency a) {
        return a.kind == AgencyKind.GOVERNMENT ? regions.parentOf(a.regionCode) : Optional.of(a.regionCode);
    }

    static AgencyState state(Agency a, String effectiveSupervisor) {
        return new AgencyState(a.code, a.name, a.regionCode, a.kind, a.contactEmail, a.webhookUrl,
                effectiveSupervisor != null ? effectiveSupervisor : a.supervisorCode, a.validFrom, a.validTo);
    }
}
