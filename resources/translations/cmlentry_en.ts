<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AckReportDialog</name>
        <message numerus="yes">
            <source>%n case(s) accepted by the registry.</source>
            <translation>
                <numerusform>%n case accepted by the registry.</numerusform>
                <numerusform>%n cases accepted by the registry.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) rejected, for the reasons below: resolve them with the registry coordinator. Nothing was overwritten at the registry.</source>
            <translation>
                <numerusform>%n case rejected, for the reason below: resolve it with the registry coordinator. Nothing was overwritten at the registry.</numerusform>
                <numerusform>%n cases rejected, for the reasons below: resolve them with the registry coordinator. Nothing was overwritten at the registry.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are now marked acknowledged.</source>
            <translation>
                <numerusform>%n case is now marked acknowledged.</numerusform>
                <numerusform>%n cases are now marked acknowledged.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n accepted case(s) were changed here after the batch was made: they are not marked acknowledged, and their changes go in a later batch.</source>
            <translation>
                <numerusform>%n accepted case was changed here after the batch was made: it is not marked acknowledged, and its changes go in a later batch.</numerusform>
                <numerusform>%n accepted cases were changed here after the batch was made: they are not marked acknowledged, and their changes go in a later batch.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The registry sent %n new query(ies): they wait for an answer in the case list and the case editor.</source>
            <translation>
                <numerusform>The registry sent %n new query: it waits for an answer in the case list and the case editor.</numerusform>
                <numerusform>The registry sent %n new queries: they wait for an answer in the case list and the case editor.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The registry closed %n query(ies) it had raised.</source>
            <translation>
                <numerusform>The registry closed %n query it had raised.</numerusform>
                <numerusform>The registry closed %n queries it had raised.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchesDialog</name>
        <message numerus="yes">
            <source>%n batch(es) made by this site, newest first.</source>
            <translation>
                <numerusform>%n batch made by this site, newest first.</numerusform>
                <numerusform>%n batches made by this site, newest first.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them still wait(s) for the registry's acknowledgement.</source>
            <translation>
                <numerusform>%n of them still waits for the registry's acknowledgement.</numerusform>
                <numerusform>%n of them still wait for the registry's acknowledgement.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseListWidget</name>
        <message numerus="yes">
            <source>%1 of %Ln cases</source>
            <translation>
                <numerusform>%1 of %Ln case</numerusform>
                <numerusform>%1 of %Ln cases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseReview</name>
        <message numerus="yes">
            <source>%n answer(s) marked verified against source</source>
            <translation>
                <numerusform>%n answer marked verified against source</numerusform>
                <numerusform>%n answers marked verified against source</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n open</numerusform>
                <numerusform>%n open</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n answered</numerusform>
                <numerusform>%n answered</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n query(ies) waiting for an answer</source>
            <translation>
                <numerusform>%n query waiting for an answer</numerusform>
                <numerusform>%n queries waiting for an answer</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered query(ies) waiting to be closed by whoever raised them</source>
            <translation>
                <numerusform>%n answered query waiting to be closed by whoever raised it</numerusform>
                <numerusform>%n answered queries waiting to be closed by whoever raised them</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasesPage</name>
        <message numerus="yes">
            <source>The %n signed case(s) changed since they were last sent are chosen.</source>
            <translation>
                <numerusform>The %n signed case changed since it was last sent is chosen.</numerusform>
                <numerusform>The %n signed cases changed since they were last sent are chosen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are listed without a tick box: the last column says why.</source>
            <translation>
                <numerusform>%n case is listed without a tick box: the last column says why.</numerusform>
                <numerusform>%n cases are listed without a tick box: the last column says why.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) chosen</source>
            <translation>
                <numerusform>%n case chosen</numerusform>
                <numerusform>%n cases chosen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message numerus="yes">
            <source>%n conflicting versions wait.</source>
            <translation>
                <numerusform>%n conflicting version waits.</numerusform>
                <numerusform>%n conflicting versions wait.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DerivedInputsText</name>
        <message numerus="yes">
            <source>%1 (%n row(s))</source>
            <translation>
                <numerusform>%1 (%n row)</numerusform>
                <numerusform>%1 (%n rows)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditorHeader</name>
        <message numerus="yes">
            <source>%n error(s) to resolve first</source>
            <translation>
                <numerusform>%n error to resolve first</numerusform>
                <numerusform>%n errors to resolve first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s) to resolve first</source>
            <translation>
                <numerusform>%n warning to resolve first</numerusform>
                <numerusform>%n warnings to resolve first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FolderPage</name>
        <message numerus="yes">
            <source>%n case(s) go in the next batch.</source>
            <translation>
                <numerusform>%n case goes in the next batch.</numerusform>
                <numerusform>%n cases go in the next batch.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormListModel</name>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n change(s) of %1, newest first. Times are local time.</source>
            <translation>
                <numerusform>%n change of %1. Times are local time.</numerusform>
                <numerusform>%n changes of %1, newest first. Times are local time.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportPanel</name>
        <message numerus="yes">
            <source>%n dropped item(s) left out: only batch files (.cmlbatch) are imported.</source>
            <translation>
                <numerusform>%n dropped item left out: only batch files (.cmlbatch) are imported.</numerusform>
                <numerusform>%n dropped items left out: only batch files (.cmlbatch) are imported.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportReportModel</name>
        <message numerus="yes">
            <source>Batch %1 of %2: %n case(s) accepted, rejected: %3.</source>
            <translation>
                <numerusform>Batch %1 of %2: %n case accepted, rejected: %3.</numerusform>
                <numerusform>Batch %1 of %2: %n cases accepted, rejected: %3.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportReportView</name>
        <message numerus="yes">
            <source>%n file(s) not imported: the import was cancelled.</source>
            <translation>
                <numerusform>%n file not imported: the import was cancelled.</numerusform>
                <numerusform>%n files not imported: the import was cancelled.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainTasks</name>
        <message numerus="yes">
            <source>%n case(s) created from the workbook, as drafts.</source>
            <translation>
                <numerusform>%n case created from the workbook, as a draft.</numerusform>
                <numerusform>%n cases created from the workbook, as drafts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</source>
            <translation>
                <numerusform>%n of them has errors or warnings to look at: tick “Only with open errors or warnings” in the list to see it.</numerusform>
                <numerusform>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message numerus="yes">
            <source>%n case(s) the registry holds have no accepted version and are not counted.</source>
            <translation>
                <numerusform>%n case the registry holds has no accepted version and is not counted.</numerusform>
                <numerusform>%n cases the registry holds have no accepted version and are not counted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n country(ies)</source>
            <translation>
                <numerusform>%n country</numerusform>
                <numerusform>%n countries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n event(s)</source>
            <translation>
                <numerusform>%n event</numerusform>
                <numerusform>%n events</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n patient(s) without a usable date of registration are counted in the month the registry first received them.</source>
            <translation>
                <numerusform>%n patient without a usable date of registration is counted in the month the registry first received it.</numerusform>
                <numerusform>%n patients without a usable date of registration are counted in the month the registry first received them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PatientsPage</name>
        <message numerus="yes">
            <source>%n patient(s) with an age known only to within a year: the youngest possible age is counted.</source>
            <translation>
                <numerusform>%n patient with an age known only to within a year: the youngest possible age is counted.</numerusform>
                <numerusform>%n patients with an age known only to within a year: the youngest possible age is counted.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueriesView</name>
        <message numerus="yes">
            <source>None of the %n query(ies) matches these filters.</source>
            <translation>
                <numerusform>The %n query does not match these filters.</numerusform>
                <numerusform>None of the %n queries matches these filters.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueryTextDialog</name>
        <message numerus="yes">
            <source>At least %n characters. It is kept in the audit trail with your name and the time.</source>
            <translation>
                <numerusform>At least %n character. It is kept in the audit trail with your name and the time.</numerusform>
                <numerusform>At least %n characters. It is kept in the audit trail with your name and the time.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueryWords</name>
        <message numerus="yes">
            <source>%n open</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n open</numerusform>
                <numerusform>%n open</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n answered</numerusform>
                <numerusform>%n answered</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n closed</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n closed</numerusform>
                <numerusform>%n closed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n cancelled</numerusform>
                <numerusform>%n cancelled</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RaiseQueryDialog</name>
        <message numerus="yes">
            <source>At least %n characters. It is kept in the audit trail with your name and the time, and the site reads it as written.</source>
            <translation>
                <numerusform>At least %n character. It is kept in the audit trail with your name and the time, and the site reads it as written.</numerusform>
                <numerusform>At least %n characters. It is kept in the audit trail with your name and the time, and the site reads it as written.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message numerus="yes">
            <source>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</source>
            <translation>
                <numerusform>At least %n character. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
                <numerusform>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RegistryQueries</name>
        <message numerus="yes">
            <source>Queries (%n to close)</source>
            <translation>
                <numerusform>Queries (%n to close)</numerusform>
                <numerusform>Queries (%n to close)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queries (%n waiting)</source>
            <translation>
                <numerusform>Queries (%n waiting)</numerusform>
                <numerusform>Queries (%n waiting)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>It carries %n query(ies) from the registry still open or answered.</source>
            <translation>
                <numerusform>It carries %n query from the registry still open or answered.</numerusform>
                <numerusform>It carries %n queries from the registry still open or answered.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RegistryWindow</name>
        <message numerus="yes">
            <source>Importing %n batch file(s)…</source>
            <translation>
                <numerusform>Importing %n batch file…</numerusform>
                <numerusform>Importing %n batch files…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importing %n batch file(s)</source>
            <translation>
                <numerusform>Importing %n batch file</numerusform>
                <numerusform>Importing %n batch files</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportDashboard</name>
        <message numerus="yes">
            <source>Report made at %1 (UTC) over %n patient(s).</source>
            <translation>
                <numerusform>Report made at %1 (UTC) over %n patient.</numerusform>
                <numerusform>Report made at %1 (UTC) over %n patients.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportExports</name>
        <message numerus="yes">
            <source>%n text(s) that a spreadsheet would run as a formula are kept as text.</source>
            <translation>
                <numerusform>%n text that a spreadsheet would run as a formula is kept as text.</numerusform>
                <numerusform>%n texts that a spreadsheet would run as a formula are kept as text.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n character(s) a file cannot carry were replaced by �.</source>
            <translation>
                <numerusform>%n character a file cannot carry was replaced by �.</numerusform>
                <numerusform>%n characters a file cannot carry were replaced by �.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n text(s) longer than an Excel cell holds were cut and end in “…”.</source>
            <translation>
                <numerusform>%n text longer than an Excel cell holds was cut and ends in “…”.</numerusform>
                <numerusform>%n texts longer than an Excel cell holds were cut and end in “…”.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n case</numerusform>
                <numerusform>%n cases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewDialog</name>
        <message numerus="yes">
            <source>%n case(s) wait for your signature.</source>
            <translation>
                <numerusform>%n case waits for your signature.</numerusform>
                <numerusform>%n cases wait for your signature.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n can be signed now.</source>
            <translation>
                <numerusform>%n can be signed now.</numerusform>
                <numerusform>%n can be signed now.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewPrompts</name>
        <message numerus="yes">
            <source>Mark the %n saved answer(s) of %1 not yet marked as verified against source? Do it only once you have compared each of them with the source documents.</source>
            <translation>
                <numerusform>Mark the %n saved answer of %1 not yet marked as verified against source? Do it only once you have compared it with the source documents.</numerusform>
                <numerusform>Mark the %n saved answers of %1 not yet marked as verified against source? Do it only once you have compared each of them with the source documents.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueModel</name>
        <message numerus="yes">
            <source>%n error(s) to fix</source>
            <translation>
                <numerusform>%n error to fix</numerusform>
                <numerusform>%n errors to fix</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n query(ies) to answer or close</source>
            <translation>
                <numerusform>%n query to answer or close</numerusform>
                <numerusform>%n queries to answer or close</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not ready to sign: %n error(s) to fix.</source>
            <translation>
                <numerusform>Not ready to sign: %n error to fix.</numerusform>
                <numerusform>Not ready to sign: %n errors to fix.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not ready to sign: %n query(ies) to answer or close.</source>
            <translation>
                <numerusform>Not ready to sign: %n query to answer or close.</numerusform>
                <numerusform>Not ready to sign: %n queries to answer or close.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n open</numerusform>
                <numerusform>%n open</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n answered</numerusform>
                <numerusform>%n answered</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) changed since the last signature</source>
            <translation>
                <numerusform>%n answer changed since the last signature</numerusform>
                <numerusform>%n answers changed since the last signature</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) changed since %1 signed on %2</source>
            <translation>
                <numerusform>%n answer changed since %1 signed on %2</numerusform>
                <numerusform>%n answers changed since %1 signed on %2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SavedFormsTableModel</name>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n change</numerusform>
                <numerusform>%n changes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SignedCasesModel</name>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n open</numerusform>
                <numerusform>%n open</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n answered</numerusform>
                <numerusform>%n answered</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TreatmentPage</name>
        <message numerus="yes">
            <source>%n duration(s) end at the stop of imatinib: no failure date was entered.</source>
            <translation>
                <numerusform>%n duration ends at the stop of imatinib: no failure date was entered.</numerusform>
                <numerusform>%n durations end at the stop of imatinib: no failure date was entered.</numerusform>
            </translation>
        </message>
    </context>
</TS>
