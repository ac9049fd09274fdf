<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About cmlentry</source>
            <translation>À propos de cmlentry</translation>
        </message>
        <message>
            <source>cmlentry %1</source>
            <translation>cmlentry %1</translation>
        </message>
        <message>
            <source>Offline, encrypted case entry for the European registry of CML patients in failure after imatinib.</source>
            <translation>Saisie hors ligne et chiffrée des dossiers du registre européen des patients atteints de LMC en échec de l’imatinib.</translation>
        </message>
        <message>
            <source>Icons: Lucide (ISC licence); those derived from Feather under the MIT licence.</source>
            <translation>Icônes : Lucide (licence ISC) ; celles dérivées de Feather sous licence MIT.</translation>
        </message>
        <message>
            <source>Licence of the icons</source>
            <translation>Licence des icônes</translation>
        </message>
        <message>
            <source>&amp;Copy details</source>
            <translation>&amp;Copier les détails</translation>
        </message>
        <message>
            <source>Show the icons' &amp;licence</source>
            <translation>Afficher la &amp;licence des icônes</translation>
        </message>
        <message>
            <source>%1 (new data)</source>
            <translation>%1 (nouvelles données)</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Case report form</source>
            <translation>Cahier d’observation</translation>
        </message>
        <message>
            <source>Workspace schema</source>
            <translation>Schéma de l’espace de travail</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>SQLCipher</source>
            <translation>SQLCipher</translation>
        </message>
        <message>
            <source>Qt</source>
            <translation>Qt</translation>
        </message>
        <message>
            <source>PySide6</source>
            <translation>PySide6</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <source>The licence file of the icons is missing from this installation.</source>
            <translation>Le fichier de licence des icônes manque dans cette installation.</translation>
        </message>
    </context>
    <context>
        <name>AdminPage</name>
        <message>
            <source>The first administrator</source>
            <translation>Le premier administrateur</translation>
        </message>
        <message>
            <source>Once the workspace is made, they add the other users.</source>
            <translation>Une fois l’espace de travail créé, l’administrateur ajoute les autres utilisateurs.</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>Printed name</source>
            <translation>Nom en toutes lettres</translation>
        </message>
        <message>
            <source>As under your signature</source>
            <translation>Tel qu’il figure sous votre signature</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Confirmation du mot de passe</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
        <message>
            <source>&amp;Printed name:</source>
            <translation>Nom en toutes &amp;lettres :</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>&amp;Mot de passe :</translation>
        </message>
        <message>
            <source>&amp;Repeat it:</source>
            <translation>&amp;Confirmation :</translation>
        </message>
        <message>
            <source>Accepted. A longer password, such as a short sentence, is stronger.</source>
            <translation>Accepté. Un mot de passe plus long, comme une courte phrase, est plus solide.</translation>
        </message>
        <message>
            <source>At least {n} characters, not containing the user name. A few unrelated words make a password that is strong and easy to remember.</source>
            <translation>Au moins {n} caractères, sans le nom d’utilisateur. Quelques mots sans rapport entre eux font un mot de passe solide et facile à retenir.</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Not saved: %1 What you typed is still here and kept as a draft; it is saved again when you leave a field or press Ctrl+S.</source>
            <translation>Non enregistré : %1 Votre saisie est toujours là et conservée comme brouillon ; elle sera de nouveau enregistrée quand vous quitterez un champ ou appuierez sur Ctrl+S.</translation>
        </message>
        <message>
            <source>Not saved: %1 What you typed is still here; it is saved again when you leave a field or press Ctrl+S.</source>
            <translation>Non enregistré : %1 Ce que vous avez saisi est toujours là ; l’enregistrement est retenté quand vous quittez un champ ou appuyez sur Ctrl+S.</translation>
        </message>
        <message>
            <source>Your typing could not be kept as a draft: %1 Do not close cmlentry; save with Ctrl+S when the problem is solved, or call your administrator.</source>
            <translation>Votre saisie n’a pas pu être gardée comme brouillon : %1 Ne fermez pas cmlentry ; enregistrez avec Ctrl+S une fois le problème résolu, ou appelez votre administrateur.</translation>
        </message>
        <message>
            <source>This workspace failed its check at start-up and is open read-only: you can read the cases but not change them. Ask your site administrator to restore the last backup.</source>
            <translation>Cet espace de travail n’a pas passé sa vérification au démarrage et est ouvert en lecture seule : vous pouvez consulter les dossiers mais pas les modifier. Demandez à l’administrateur du site de restaurer la dernière sauvegarde.</translation>
        </message>
    </context>
    <context>
        <name>CaseEditor</name>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
        <message>
            <source>Everything is saved</source>
            <translation>Tout est enregistré</translation>
        </message>
        <message>
            <source>Saved at %1</source>
            <translation>Enregistré à %1</translation>
        </message>
        <message>
            <source>Marking complete…</source>
            <translation>Marquage comme complet…</translation>
        </message>
        <message>
            <source>%1 marked complete at %2</source>
            <translation>%1 marqué complet à %2</translation>
        </message>
        <message>
            <source>Not marked complete: %1</source>
            <translation>Non marqué complet : %1</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>Pas encore enregistré</translation>
        </message>
    </context>
    <context>
        <name>CaseListWidget</name>
        <message>
            <source>Search registry ID or reason</source>
            <translation>Rechercher un identifiant registre ou un motif</translation>
        </message>
        <message>
            <source>Search cases</source>
            <translation>Rechercher des dossiers</translation>
        </message>
        <message>
            <source>Registry ID, with or without dashes, or words of the reason for registration</source>
            <translation>Identifiant registre, avec ou sans tirets, ou mots du motif d’inclusion</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Tous les statuts</translation>
        </message>
        <message>
            <source>Status filter</source>
            <translation>Filtre par statut</translation>
        </message>
        <message>
            <source>&amp;Status:</source>
            <translation>&amp;Statut :</translation>
        </message>
        <message>
            <source>Only with open &amp;errors or warnings</source>
            <translation>Seulement avec des &amp;erreurs ou avertissements en suspens</translation>
        </message>
        <message>
            <source>Only cases with open errors or warnings</source>
            <translation>Seulement les dossiers avec des erreurs ou avertissements en suspens</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Dossiers</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %Ln cases</source>
            <translation>
                <numerusform>%1 sur %Ln dossier</numerusform>
                <numerusform>%1 sur %Ln dossiers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Reason for registration</source>
            <translation>Motif d’inclusion</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Dernière modification</translation>
        </message>
        <message>
            <source>Forms complete</source>
            <translation>Formulaires complets</translation>
        </message>
        <message>
            <source>Open warnings</source>
            <translation>Avertissements en suspens</translation>
        </message>
        <message>
            <source>Open errors</source>
            <translation>Erreurs en suspens</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>Complet</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>Exporté</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Reçu par le registre</translation>
        </message>
        <message>
            <source>Draft: data entry is under way</source>
            <translation>Brouillon : saisie en cours</translation>
        </message>
        <message>
            <source>Complete: every form is complete; waiting for the PI's signature</source>
            <translation>Complet : tous les formulaires sont complets ; en attente de la signature de l’investigateur principal</translation>
        </message>
        <message>
            <source>Signed by the PI: ready for export</source>
            <translation>Signé par l’investigateur principal : prêt pour l’export</translation>
        </message>
        <message>
            <source>Exported in a batch; not yet acknowledged by the registry</source>
            <translation>Exporté dans un lot ; réception pas encore confirmée par le registre</translation>
        </message>
        <message>
            <source>Acknowledged: the registry has received this case</source>
            <translation>Reçu : le registre a bien reçu ce dossier</translation>
        </message>
        <message>
            <source>No reason for registration entered yet</source>
            <translation>Aucun motif d’inclusion saisi pour l’instant</translation>
        </message>
        <message>
            <source>Last changed %1 (local time); %2 UTC</source>
            <translation>Dernière modification le %1 (heure locale) ; %2 UTC</translation>
        </message>
        <message>
            <source>Warnings not yet resolved or overridden: %1</source>
            <translation>Avertissements ni résolus ni levés : %1</translation>
        </message>
        <message>
            <source>Errors that block completion: %1</source>
            <translation>Erreurs qui empêchent de compléter : %1</translation>
        </message>
        <message>
            <source>No reason entered</source>
            <translation>Aucun motif saisi</translation>
        </message>
        <message>
            <source>%1 of %2 forms complete (%3 %)</source>
            <translation>Formulaires complets : %1 sur %2 (%3 %)</translation>
        </message>
    </context>
    <context>
        <name>CodeCombo</name>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>%1 (not in the list)</source>
            <translation>%1 (absent de la liste)</translation>
        </message>
    </context>
    <context>
        <name>CrashNoticeDialog</name>
        <message>
            <source>cmlentry did not close properly</source>
            <translation>cmlentry ne s’est pas fermé correctement</translation>
        </message>
        <message>
            <source>Forms saved before cmlentry stopped</source>
            <translation>Formulaires enregistrés avant l’arrêt de cmlentry</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continuer</translation>
        </message>
        <message>
            <source>cmlentry did not close properly at about %1 (its last sign of life). Nothing you saved is lost.</source>
            <translation>cmlentry ne s’est pas fermé correctement vers %1 (son dernier signe de vie). Rien de ce que vous aviez enregistré n’est perdu.</translation>
        </message>
        <message>
            <source>These forms were saved in that session and are kept:</source>
            <translation>Ces formulaires ont été enregistrés pendant cette session et sont conservés :</translation>
        </message>
        <message>
            <source>No form was saved in that session.</source>
            <translation>Aucun formulaire n’a été enregistré pendant cette session.</translation>
        </message>
        <message>
            <source>Unsaved typing was recovered for the forms below. Open one to check it and save it; typing you do not open now stays kept.</source>
            <translation>Une saisie non enregistrée a été récupérée pour les formulaires ci-dessous. Ouvrez-en un pour la vérifier et l’enregistrer ; la saisie que vous n’ouvrez pas maintenant reste conservée.</translation>
        </message>
        <message>
            <source>Typing that cannot be restored; enter it again (saved answers are unchanged):</source>
            <translation>Saisie impossible à restaurer ; saisissez-la à nouveau (les réponses enregistrées sont inchangées) :</translation>
        </message>
        <message>
            <source>%1, %2: %3</source>
            <translation>%1, %2 : %3</translation>
        </message>
        <message>
            <source>%1 — %2, typed until %3</source>
            <translation>%1 — %2, saisi jusqu’à %3</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Open %1 of %2</source>
            <translation>Ouvrir %1 de %2</translation>
        </message>
    </context>
    <context>
        <name>CreatePage</name>
        <message>
            <source>Make the workspace</source>
            <translation>Créer l’espace de travail</translation>
        </message>
        <message>
            <source>Check the details; Back changes them. Nothing exists yet.</source>
            <translation>Vérifiez les informations ; « Précédent » permet de les modifier. Rien n’est encore créé.</translation>
        </message>
        <message>
            <source>&amp;Create the workspace</source>
            <translation>&amp;Créer l’espace de travail</translation>
        </message>
        <message>
            <source>Folder: {folder}</source>
            <translation>Dossier : {folder}</translation>
        </message>
        <message>
            <source>Site: {country}-{code}, {name}</source>
            <translation>Site : {country}-{code}, {name}</translation>
        </message>
        <message>
            <source>First administrator: {name} ({user})</source>
            <translation>Premier administrateur : {name} ({user})</translation>
        </message>
        <message>
            <source>Registry key: {owner}, fingerprint {fingerprint}</source>
            <translation>Clé du registre : {owner}, empreinte {fingerprint}</translation>
        </message>
        <message>
            <source>Registry key: to be added later</source>
            <translation>Clé du registre : à ajouter plus tard</translation>
        </message>
        <message>
            <source>The site's own signing key is made with the workspace.</source>
            <translation>La clé de signature propre au site est créée avec l’espace de travail.</translation>
        </message>
        <message>
            <source>Creating the workspace</source>
            <translation>Création de l’espace de travail</translation>
        </message>
        <message>
            <source>{sentence} Go back to change what is needed.</source>
            <translation>{sentence} Revenez en arrière pour modifier ce qui doit l’être.</translation>
        </message>
    </context>
    <context>
        <name>DerivedField</name>
        <message>
            <source>calculated</source>
            <translation>calculé</translation>
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <source>The workspace is ready</source>
            <translation>L’espace de travail est prêt</translation>
        </message>
        <message>
            <source>Give this fingerprint of your site's key to the registry coordinator, by phone, when you send them the site's public key file (an administrator writes it with 'cmlentry keys export-site --to FILE'). They register your site with it.</source>
            <translation>Donnez cette empreinte de la clé de votre site au coordinateur du registre, par téléphone, quand vous lui envoyez le fichier de clé publique du site (un administrateur l’écrit avec « cmlentry keys export-site --to FICHIER »). Il enregistre votre site avec elle.</translation>
        </message>
        <message>
            <source>Next: add the users (research nurses, the principal investigator) with the command 'cmlentry user add NAME --name "Printed Name" --role nurse'. Each gets a first password, which they change at their first sign-in.</source>
            <translation>Ensuite : ajoutez les utilisateurs (infirmières de recherche, investigateur principal) avec la commande « cmlentry user add NOM --name "Nom en toutes lettres" --role nurse ». Chacun reçoit un premier mot de passe, qu’il change à sa première connexion.</translation>
        </message>
        <message>
            <source>Add the registry's key with 'cmlentry keys trust-registry FILE' before the first export.</source>
            <translation>Ajoutez la clé du registre avec « cmlentry keys trust-registry FICHIER » avant le premier export.</translation>
        </message>
        <message>
            <source>Fingerprint of the site's key</source>
            <translation>Empreinte de la clé du site</translation>
        </message>
        <message>
            <source>Make a first backup once the users are added.</source>
            <translation>Faites une première sauvegarde une fois les utilisateurs ajoutés.</translation>
        </message>
    </context>
    <context>
        <name>DraftRecovery</name>
        <message>
            <source>Unsaved typing from %1 was recovered (%2) — check it and save (Ctrl+S) or discard.</source>
            <translation>Une saisie non enregistrée datant de %1 a été récupérée (%2) — vérifiez-la puis enregistrez (Ctrl+S) ou abandonnez-la.</translation>
        </message>
        <message>
            <source>The unsaved typing of %1 from %2 cannot be restored (%3).</source>
            <translation>La saisie non enregistrée de %1 datant de %2 ne peut pas être restaurée (%3).</translation>
        </message>
        <message>
            <source>Unsaved typing in %1 from %2 was not restored: this form was saved again after it, at %3.</source>
            <translation>La saisie non enregistrée de %1 datant de %2 n’a pas été restaurée : ce formulaire a été enregistré de nouveau après, à %3.</translation>
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation>&amp;Abandonner</translation>
        </message>
    </context>
    <context>
        <name>EditorHeader</name>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Save now (Ctrl+S); leaving a field saves too</source>
            <translation>Enregistrer maintenant (Ctrl+S) ; chaque champ est aussi enregistré dès que vous le quittez</translation>
        </message>
        <message>
            <source>&amp;Mark form complete</source>
            <translation>&amp;Marquer le formulaire complet</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Fermer</translation>
        </message>
        <message>
            <source>Save and go back to the list of cases</source>
            <translation>Enregistrer et revenir à la liste des dossiers</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>Complet</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>Exporté</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Reçu par le registre</translation>
        </message>
        <message>
            <source>Case %1</source>
            <translation>Dossier %1</translation>
        </message>
        <message>
            <source>Forms complete: %1 of %2</source>
            <translation>Formulaires complets : %1 sur %2</translation>
        </message>
        <message>
            <source>This form is complete.</source>
            <translation>Ce formulaire est complet.</translation>
        </message>
        <message>
            <source>Mark this form complete: every check passes.</source>
            <translation>Marquer ce formulaire complet : tous les contrôles sont satisfaits.</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erreur</numerusform>
                <numerusform>%n erreurs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n avertissement</numerusform>
                <numerusform>%n avertissements</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 to resolve first</source>
            <translation>%1 à résoudre d’abord</translation>
        </message>
        <message>
            <source> and </source>
            <translation> et </translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <source>cmlentry: unexpected problem</source>
            <translation>cmlentry : problème inattendu</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Détails</translation>
        </message>
        <message>
            <source>Show the technical details</source>
            <translation>Afficher les détails techniques</translation>
        </message>
        <message>
            <source>Technical details</source>
            <translation>Détails techniques</translation>
        </message>
        <message>
            <source>The log file is %1.</source>
            <translation>Le fichier journal est %1.</translation>
        </message>
        <message>
            <source>No log file could be written on this computer.</source>
            <translation>Aucun fichier journal n’a pu être écrit sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>Copier les détails</translation>
        </message>
    </context>
    <context>
        <name>FieldActions</name>
        <message>
            <source>This row is not saved yet, so it has no history.</source>
            <translation>Cette ligne n’est pas encore enregistrée : elle n’a donc pas d’historique.</translation>
        </message>
    </context>
    <context>
        <name>FieldWidget</name>
        <message>
            <source>%1: missing-data code</source>
            <translation>%1 : code de donnée manquante</translation>
        </message>
        <message>
            <source>Why there is no value</source>
            <translation>Pourquoi il n’y a pas de valeur</translation>
        </message>
        <message>
            <source>History of this answer (Ctrl+H)</source>
            <translation>Historique de cette réponse (Ctrl+H)</translation>
        </message>
        <message>
            <source>History of %1</source>
            <translation>Historique de %1</translation>
        </message>
    </context>
    <context>
        <name>FormListModel</name>
        <message>
            <source>unsaved typing</source>
            <translation>saisie non enregistrée</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erreur</numerusform>
                <numerusform>%n erreurs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n avertissement</numerusform>
                <numerusform>%n avertissements</numerusform>
            </translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complet</translation>
        </message>
        <message>
            <source>ready to mark complete</source>
            <translation>prêt à être marqué complet</translation>
        </message>
    </context>
    <context>
        <name>FormNavigation</name>
        <message>
            <source>Forms of the case</source>
            <translation>Formulaires du dossier</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>History of %1</source>
            <translation>Historique de %1</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) of %1, newest first. Times are local time.</source>
            <translation>
                <numerusform>%n modification de %1, la plus récente en premier. Heures locales.</numerusform>
                <numerusform>%n modifications de %1, la plus récente en premier. Heures locales.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing has been saved for %1 yet, so it has no history.</source>
            <translation>Rien n’a encore été enregistré pour %1 : il n’y a donc pas d’historique.</translation>
        </message>
        <message>
            <source>Changes of %1</source>
            <translation>Modifications de %1</translation>
        </message>
        <message>
            <source>&amp;Copy all</source>
            <translation>&amp;Tout copier</translation>
        </message>
        <message>
            <source>Copy the table as text (Ctrl+C copies the selected rows)</source>
            <translation>Copier le tableau sous forme de texte (Ctrl+C copie les lignes sélectionnées)</translation>
        </message>
    </context>
    <context>
        <name>HistoryTableModel</name>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Qui</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>Modification</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>research nurse</source>
            <translation>infirmière de recherche clinique</translation>
        </message>
        <message>
            <source>principal investigator</source>
            <translation>investigateur principal</translation>
        </message>
        <message>
            <source>site administrator</source>
            <translation>administrateur du site</translation>
        </message>
        <message>
            <source>registry coordinator</source>
            <translation>coordinateur du registre</translation>
        </message>
        <message>
            <source>cmlentry</source>
            <translation>cmlentry</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>marked %1</source>
            <translation>marqué %1</translation>
        </message>
        <message>
            <source>no longer marked %1</source>
            <translation>n’est plus marqué %1</translation>
        </message>
        <message>
            <source>warning overridden: %1</source>
            <translation>avertissement levé : %1</translation>
        </message>
        <message>
            <source>override withdrawn (was: %1)</source>
            <translation>levée retirée (motif : %1)</translation>
        </message>
        <message>
            <source>form marked complete</source>
            <translation>formulaire marqué complet</translation>
        </message>
        <message>
            <source>form back to %1</source>
            <translation>formulaire repassé à l’état %1</translation>
        </message>
        <message>
            <source>entered: %1</source>
            <translation>saisi : %1</translation>
        </message>
        <message>
            <source>removed: %1</source>
            <translation>supprimé : %1</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>brouillon</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complet</translation>
        </message>
        <message>
            <source>user name: %1</source>
            <translation>nom d’utilisateur : %1</translation>
        </message>
        <message>
            <source>codes: %1</source>
            <translation>codes : %1</translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <source>Patient identity — %1</source>
            <translation>Identité du patient — %1</translation>
        </message>
        <message>
            <source>Who case %1 is, kept only in this computer's identification list. It never leaves this computer.</source>
            <translation>À qui correspond le dossier %1 : information conservée uniquement dans la liste d’identification de cet ordinateur. Elle ne quitte jamais cet ordinateur.</translation>
        </message>
        <message>
            <source>&amp;Reason for the correction:</source>
            <translation>&amp;Motif de la correction :</translation>
        </message>
        <message>
            <source>typing error corrected</source>
            <translation>faute de frappe corrigée</translation>
        </message>
        <message>
            <source>name changed (marriage or other)</source>
            <translation>changement de nom (mariage ou autre)</translation>
        </message>
        <message>
            <source>checked against the hospital record</source>
            <translation>vérifié dans le dossier hospitalier</translation>
        </message>
        <message>
            <source>Reason for the correction</source>
            <translation>Motif de la correction</translation>
        </message>
        <message>
            <source>Why is the identity corrected?</source>
            <translation>Pourquoi l’identité est-elle corrigée ?</translation>
        </message>
        <message>
            <source>&amp;Save identity</source>
            <translation>&amp;Enregistrer l’identité</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>The identity was not changed.</source>
            <translation>L’identité n’a pas été modifiée.</translation>
        </message>
    </context>
    <context>
        <name>IdentityFields</name>
        <message>
            <source>Family name</source>
            <translation>Nom de famille</translation>
        </message>
        <message>
            <source>as on the hospital record</source>
            <translation>comme dans le dossier hospitalier</translation>
        </message>
        <message>
            <source>Given names</source>
            <translation>Prénoms</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Date de naissance</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>AAAA-MM-JJ</translation>
        </message>
        <message>
            <source>Hospital number</source>
            <translation>Numéro hospitalier (IPP)</translation>
        </message>
        <message>
            <source>&amp;Family name:</source>
            <translation>Nom de &amp;famille :</translation>
        </message>
        <message>
            <source>&amp;Given names:</source>
            <translation>&amp;Prénoms :</translation>
        </message>
        <message>
            <source>Date of &amp;birth:</source>
            <translation>Date de &amp;naissance :</translation>
        </message>
        <message>
            <source>&amp;Hospital number:</source>
            <translation>Numéro &amp;hospitalier :</translation>
        </message>
    </context>
    <context>
        <name>IssueView</name>
        <message>
            <source>Overridden: %1</source>
            <translation>Levé : %1</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <source>cmlentry is locked. Your work is saved.
Give your password again to go on, or let a colleague sign in.</source>
            <translation>cmlentry est verrouillé. Votre travail est enregistré.
Saisissez à nouveau votre mot de passe pour continuer, ou laissez un collègue se connecter.</translation>
        </message>
        <message>
            <source>&amp;Unlock…</source>
            <translation>&amp;Déverrouiller…</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <source>cmlentry is locked. Some typing could not be saved yet and is kept as a draft: unlock and check the case before you go on.</source>
            <translation>cmlentry est verrouillé. Une partie de la saisie n’a pas encore pu être enregistrée et est gardée comme brouillon : déverrouillez et vérifiez le dossier avant de continuer.</translation>
        </message>
    </context>
    <context>
        <name>MainActions</name>
        <message>
            <source>&amp;New case…</source>
            <translation>&amp;Nouveau dossier…</translation>
        </message>
        <message>
            <source>Register a new patient under a new registry ID (Ctrl+N)</source>
            <translation>Inscrire un nouveau patient sous un nouvel identifiant registre (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Import cases from a spreadsheet…</source>
            <translation>&amp;Importer des dossiers depuis un classeur…</translation>
        </message>
        <message>
            <source>Create cases from a filled-in entry workbook: all of them or none</source>
            <translation>Créer les dossiers à partir d’un classeur de saisie rempli : tous ou aucun</translation>
        </message>
        <message>
            <source>Save an empty entry &amp;workbook…</source>
            <translation>Enregistrer un &amp;classeur de saisie vide…</translation>
        </message>
        <message>
            <source>An Excel workbook with one sheet per form, to collect a line list</source>
            <translation>Un classeur Excel avec une feuille par formulaire, pour recueillir une liste de patients</translation>
        </message>
        <message>
            <source>&amp;Back up the workspace…</source>
            <translation>&amp;Sauvegarder l’espace de travail…</translation>
        </message>
        <message>
            <source>Write a checked, encrypted copy of the whole workspace to another disk</source>
            <translation>Écrire sur un autre disque une copie chiffrée et vérifiée de tout l’espace de travail</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>&amp;Verrouiller</translation>
        </message>
        <message>
            <source>Hide the data until your password is given again (Ctrl+L)</source>
            <translation>Masquer les données jusqu’à ce que votre mot de passe soit saisi à nouveau (Ctrl+L)</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Se &amp;déconnecter</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Case list</source>
            <translation>&amp;Liste des dossiers</translation>
        </message>
        <message>
            <source>Back to the list of cases; your typing is saved first (Alt+Left)</source>
            <translation>Revenir à la liste des dossiers ; votre saisie est d’abord enregistrée (Alt+Gauche)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Save the form now (Ctrl+S); leaving a field saves it too</source>
            <translation>Enregistrer le formulaire maintenant (Ctrl+S) ; chaque champ est aussi enregistré dès que vous le quittez</translation>
        </message>
        <message>
            <source>Patient &amp;identity…</source>
            <translation>&amp;Identité du patient…</translation>
        </message>
        <message>
            <source>Who this registry ID is: the local identification list, never exported</source>
            <translation>À qui correspond cet identifiant registre : la liste d’identification locale, jamais exportée</translation>
        </message>
        <message>
            <source>&amp;Find a case</source>
            <translation>&amp;Rechercher un dossier</translation>
        </message>
        <message>
            <source>Search the case list by registry ID or reason (Ctrl+F)</source>
            <translation>Rechercher dans la liste des dossiers par identifiant registre ou motif d’inclusion (Ctrl+F)</translation>
        </message>
        <message>
            <source>&amp;Refresh the list</source>
            <translation>Ac&amp;tualiser la liste</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Raccourcis clavier</translation>
        </message>
        <message>
            <source>&amp;About cmlentry</source>
            <translation>À &amp;propos de cmlentry</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>&amp;Dossier</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>A&amp;ide</translation>
        </message>
        <message>
            <source>Main tools</source>
            <translation>Barre d’outils principale</translation>
        </message>
    </context>
    <context>
        <name>MainTasks</name>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Classeurs Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Import cases from a workbook</source>
            <translation>Importer des dossiers depuis un classeur</translation>
        </message>
        <message>
            <source>Importing %1</source>
            <translation>Import de %1</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) created from the workbook, as drafts.</source>
            <translation>
                <numerusform>%n dossier créé à partir du classeur, à l’état de brouillon.</numerusform>
                <numerusform>%n dossiers créés à partir du classeur, à l’état de brouillon.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</source>
            <translation>
                <numerusform>%n d’entre eux présente des erreurs ou avertissements à examiner : cochez « Seulement avec des erreurs ou avertissements en suspens » dans la liste pour le voir.</numerusform>
                <numerusform>%n d’entre eux présentent des erreurs ou avertissements à examiner : cochez « Seulement avec des erreurs ou avertissements en suspens » dans la liste pour les voir.</numerusform>
            </translation>
        </message>
        <message>
            <source>Import finished</source>
            <translation>Import terminé</translation>
        </message>
        <message>
            <source>Save an empty entry workbook</source>
            <translation>Enregistrer un classeur de saisie vide</translation>
        </message>
        <message>
            <source>Entry workbook saved: %1</source>
            <translation>Classeur de saisie enregistré : %1</translation>
        </message>
        <message>
            <source>Choose where to write the backup (another disk)</source>
            <translation>Choisissez où écrire la sauvegarde (un autre disque)</translation>
        </message>
        <message>
            <source>Backing up the workspace</source>
            <translation>Sauvegarde de l’espace de travail</translation>
        </message>
        <message>
            <source>Backup written and checked: %1</source>
            <translation>Sauvegarde écrite et vérifiée : %1</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminé</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>cmlentry — %1</source>
            <translation>cmlentry — %1</translation>
        </message>
        <message>
            <source> — DEMO (synthetic cases)</source>
            <translation> — DÉMONSTRATION (dossiers fictifs)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>DEMO — synthetic cases, never real patients</source>
            <translation>DÉMONSTRATION — dossiers fictifs, jamais de vrais patients</translation>
        </message>
        <message>
            <source>Read-only: the workspace failed its check</source>
            <translation>Lecture seule : l’espace de travail n’a pas passé sa vérification</translation>
        </message>
        <message>
            <source>Choose a case first.</source>
            <translation>Choisissez d’abord un dossier.</translation>
        </message>
        <message>
            <source>Not everything was saved</source>
            <translation>Tout n’a pas été enregistré</translation>
        </message>
        <message>
            <source>The last typing could not be saved. It is kept as a draft and will be offered again at the next start.</source>
            <translation>La dernière saisie n’a pas pu être enregistrée. Elle est conservée comme brouillon et vous sera proposée au prochain démarrage.</translation>
        </message>
        <message>
            <source>Typing not saved</source>
            <translation>Saisie non enregistrée</translation>
        </message>
        <message>
            <source>The last typing could be neither saved nor kept as a draft, and is lost. Call your site administrator: the workspace may be full or damaged.</source>
            <translation>La dernière saisie n’a pu être ni enregistrée ni gardée comme brouillon, et elle est perdue. Appelez l’administrateur du site : l’espace de travail est peut-être plein ou endommagé.</translation>
        </message>
    </context>
    <context>
        <name>MissingCombo</name>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
    </context>
    <context>
        <name>NewCaseDialog</name>
        <message>
            <source>Register a patient</source>
            <translation>Inscrire un patient</translation>
        </message>
        <message>
            <source>The patient gets the centre's next registry ID. The registry only ever knows the patient by that ID.</source>
            <translation>Le patient reçoit le prochain identifiant registre du centre. Le registre ne connaît le patient que par cet identifiant.</translation>
        </message>
        <message>
            <source>Identification (optional)</source>
            <translation>Identification (facultative)</translation>
        </message>
        <message>
            <source>Kept only in this computer's identification list, so that you can find the patient again. It never leaves this computer: no batch or export for the registry carries it.</source>
            <translation>Conservée uniquement dans la liste d’identification de cet ordinateur, pour que vous puissiez retrouver le patient. Elle ne quitte jamais cet ordinateur : aucun lot ni export destiné au registre ne la contient.</translation>
        </message>
        <message>
            <source>&amp;Register patient</source>
            <translation>&amp;Inscrire le patient</translation>
        </message>
        <message>
            <source>The patient is registered as</source>
            <translation>Le patient est inscrit sous l’identifiant</translation>
        </message>
        <message>
            <source>Write this registry ID in the patient's file now: it is how you and the registry will find this case again.</source>
            <translation>Notez dès maintenant cet identifiant registre dans le dossier du patient : c’est par lui que vous et le registre retrouverez ce dossier.</translation>
        </message>
        <message>
            <source>&amp;Copy the ID</source>
            <translation>&amp;Copier l’identifiant</translation>
        </message>
        <message>
            <source>&amp;Save the identification again</source>
            <translation>&amp;Enregistrer à nouveau l’identification</translation>
        </message>
        <message>
            <source>&amp;Open the case</source>
            <translation>&amp;Ouvrir le dossier</translation>
        </message>
        <message>
            <source>the same hospital number</source>
            <translation>le même numéro hospitalier</translation>
        </message>
        <message>
            <source>the same family name and date of birth</source>
            <translation>les mêmes nom de famille et date de naissance</translation>
        </message>
        <message>
            <source>This patient may already be registered as %1 (%2).</source>
            <translation>Ce patient est peut-être déjà inscrit sous %1 (%2).</translation>
        </message>
        <message>
            <source>Also possible: %1.</source>
            <translation>Également possible : %1.</translation>
        </message>
        <message>
            <source>Open that case, or register a new one anyway.</source>
            <translation>Ouvrez ce dossier, ou inscrivez tout de même un nouveau patient.</translation>
        </message>
        <message>
            <source>Open %1</source>
            <translation>Ouvrir %1</translation>
        </message>
        <message>
            <source>&amp;Register anyway</source>
            <translation>&amp;Inscrire quand même</translation>
        </message>
        <message>
            <source>Registering…</source>
            <translation>Inscription…</translation>
        </message>
        <message>
            <source>New registry ID %1</source>
            <translation>Nouvel identifiant registre %1</translation>
        </message>
        <message>
            <source>No patient was registered.</source>
            <translation>Aucun patient n’a été inscrit.</translation>
        </message>
        <message>
            <source>No identification was given. You can add it later with Case ▸ Patient identity.</source>
            <translation>Aucune identification n’a été donnée. Vous pourrez l’ajouter plus tard avec Dossier ▸ Identité du patient.</translation>
        </message>
        <message>
            <source>The identification is saved in this computer's identification list.</source>
            <translation>L’identification est enregistrée dans la liste d’identification de cet ordinateur.</translation>
        </message>
        <message>
            <source>The case %1 exists, but its identification was NOT saved: %2 Press “Save the identification again”, or add it later with Case ▸ Patient identity.</source>
            <translation>Le dossier %1 existe, mais son identification n’a PAS été enregistrée : %2 Appuyez sur « Enregistrer à nouveau l’identification », ou ajoutez-la plus tard avec Dossier ▸ Identité du patient.</translation>
        </message>
    </context>
    <context>
        <name>NewPasswordFields</name>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>Confirmation du nouveau mot de passe</translation>
        </message>
        <message>
            <source>At least {n} characters. A few unrelated words make a good password; it must not contain your user name.</source>
            <translation>Au moins {n} caractères. Quelques mots sans rapport entre eux font un bon mot de passe ; il ne doit pas contenir votre nom d’utilisateur.</translation>
        </message>
        <message>
            <source>&amp;New password:</source>
            <translation>&amp;Nouveau mot de passe :</translation>
        </message>
        <message>
            <source>&amp;Repeat it:</source>
            <translation>&amp;Confirmation :</translation>
        </message>
        <message>
            <source>Type the new password.</source>
            <translation>Saisissez le nouveau mot de passe.</translation>
        </message>
        <message>
            <source>The two new passwords are not the same.</source>
            <translation>Les deux nouveaux mots de passe ne sont pas identiques.</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Override a warning</source>
            <translation>Lever un avertissement</translation>
        </message>
        <message>
            <source>(no value)</source>
            <translation>(aucune valeur)</translation>
        </message>
        <message>
            <source>Field:</source>
            <translation>Champ :</translation>
        </message>
        <message>
            <source>Value entered:</source>
            <translation>Valeur saisie :</translation>
        </message>
        <message>
            <source>If the value is right, say why (for example, as written in the source document). The reason is kept with the answer, in the audit trail with your name, and exported with the case, so the registry reads it too. The warning then no longer stops the form from being marked complete.</source>
            <translation>Si la valeur est juste, dites pourquoi (par exemple : telle qu’écrite dans le document source). Le motif est conservé avec la réponse, dans la piste d’audit avec votre nom, et exporté avec le dossier : le registre le lit aussi. L’avertissement n’empêche alors plus de marquer le formulaire complet.</translation>
        </message>
        <message>
            <source>value confirmed in the source document</source>
            <translation>valeur confirmée dans le document source</translation>
        </message>
        <message>
            <source>value confirmed with the treating physician</source>
            <translation>valeur confirmée avec le médecin en charge du patient</translation>
        </message>
        <message>
            <source>unusual but correct for this patient</source>
            <translation>inhabituelle mais correcte pour ce patient</translation>
        </message>
        <message>
            <source>Reason for overriding the warning</source>
            <translation>Motif de la levée de l’avertissement</translation>
        </message>
        <message>
            <source>Why is this value right?</source>
            <translation>Pourquoi cette valeur est-elle juste ?</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message>
            <source>Override warning</source>
            <translation>Lever l’avertissement</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Choose a new password</source>
            <translation>Choisir un nouveau mot de passe</translation>
        </message>
        <message>
            <source>Welcome, {name}. The password you used was given to you by your site administrator: choose your own now. Nobody else should know it.</source>
            <translation>Bienvenue, {name}. Le mot de passe que vous avez utilisé vous a été donné par l’administrateur du site : choisissez maintenant le vôtre. Personne d’autre ne doit le connaître.</translation>
        </message>
        <message>
            <source>Change the password of {user}.</source>
            <translation>Changer le mot de passe de {user}.</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Mot de passe actuel</translation>
        </message>
        <message>
            <source>&amp;Change password</source>
            <translation>&amp;Changer le mot de passe</translation>
        </message>
        <message>
            <source>C&amp;urrent password:</source>
            <translation>Mot de passe &amp;actuel :</translation>
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <source>Progress</source>
            <translation>Avancement</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>Arrêt en cours…</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reason for the change</source>
            <translation>Motif de la modification</translation>
        </message>
        <message>
            <source>Why is this change made?</source>
            <translation>Pourquoi cette modification ?</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message numerus="yes">
            <source>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</source>
            <translation>
                <numerusform>Au moins %n caractère. Le motif est conservé dans la piste d’audit avec votre nom et l’heure de la modification.</numerusform>
                <numerusform>Au moins %n caractères. Le motif est conservé dans la piste d’audit avec votre nom et l’heure de la modification.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the change</source>
            <translation>Enregistrer la modification</translation>
        </message>
        <message>
            <source>transcription error corrected</source>
            <translation>erreur de transcription corrigée</translation>
        </message>
        <message>
            <source>source document updated</source>
            <translation>document source mis à jour</translation>
        </message>
        <message>
            <source>query answered</source>
            <translation>réponse à une demande de clarification</translation>
        </message>
        <message>
            <source>value confirmed with the treating physician</source>
            <translation>valeur confirmée avec le médecin en charge du patient</translation>
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Set a password with the recovery key</source>
            <translation>Définir un mot de passe avec la clé de secours</translation>
        </message>
        <message>
            <source>The recovery key was shown once when the workspace was made and is kept sealed by the principal investigator. With it, a new password can be set for any user, and a locked account is unlocked.</source>
            <translation>La clé de secours a été affichée une seule fois, à la création de l’espace de travail, et l’investigateur principal la conserve sous pli scellé. Elle permet de définir un nouveau mot de passe pour tout utilisateur et de débloquer un compte bloqué.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>&amp;Set password</source>
            <translation>&amp;Définir le mot de passe</translation>
        </message>
        <message>
            <source>Recovery &amp;key:</source>
            <translation>&amp;Clé de secours :</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyPage</name>
        <message>
            <source>The recovery key</source>
            <translation>La clé de secours</translation>
        </message>
        <message>
            <source>Shown this once. Write it down now, on paper.</source>
            <translation>Affichée cette seule fois. Recopiez-la maintenant, sur papier.</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Suivant</translation>
        </message>
        <message>
            <source>With this key a new password can be set for any user if every password is lost; without it the data would be lost. Copy it by hand, check it, seal it in an envelope and give it to the principal investigator. It cannot be copied or printed here: clipboards and print queues would keep a copy on this computer.</source>
            <translation>Avec cette clé, un nouveau mot de passe peut être défini pour tout utilisateur si tous les mots de passe sont perdus ; sans elle, les données seraient perdues. Recopiez-la à la main, vérifiez-la, scellez-la dans une enveloppe et remettez-la à l’investigateur principal. Elle ne peut pas être copiée ni imprimée ici : le presse-papiers et les files d’impression en garderaient une copie sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>I have &amp;written the recovery key down and will give it to the PI</source>
            <translation>J’ai &amp;recopié la clé de secours et je la remettrai à l’investigateur principal</translation>
        </message>
        <message>
            <source>Group {n} of the recovery key</source>
            <translation>Groupe {n} de la clé de secours</translation>
        </message>
        <message>
            <source>From your paper, type &amp;group {n}:</source>
            <translation>D’après votre papier, saisissez le &amp;groupe {n} :</translation>
        </message>
        <message>
            <source>That is not group {n}. Check your paper copy.</source>
            <translation>Ce n’est pas le groupe {n}. Vérifiez votre copie papier.</translation>
        </message>
    </context>
    <context>
        <name>RegistryKeyPage</name>
        <message>
            <source>The registry's key</source>
            <translation>La clé du registre</translation>
        </message>
        <message>
            <source>Batches are encrypted to the registry's public key, so only it can read them.</source>
            <translation>Les lots sont chiffrés avec la clé publique du registre : lui seul peut les lire.</translation>
        </message>
        <message>
            <source>I &amp;have the registry's key file (.cmlkey)</source>
            <translation>J’&amp;ai le fichier de clé du registre (.cmlkey)</translation>
        </message>
        <message>
            <source>I will add it &amp;later</source>
            <translation>Je l’ajouterai &amp;plus tard</translation>
        </message>
        <message>
            <source>Key file</source>
            <translation>Fichier de clé</translation>
        </message>
        <message>
            <source>C&amp;hoose file…</source>
            <translation>C&amp;hoisir le fichier…</translation>
        </message>
        <message>
            <source>Fingerprint of the registry's key</source>
            <translation>Empreinte de la clé du registre</translation>
        </message>
        <message>
            <source>Call the registry coordinator and read this fingerprint aloud, group by group. Trust the key only if every group matches what they read back: a key file sent by e-mail could have been replaced on the way.</source>
            <translation>Appelez le coordinateur du registre et lisez-lui cette empreinte à voix haute, groupe par groupe. Ne faites confiance à la clé que si chaque groupe correspond à ce qu’il vous relit : un fichier de clé envoyé par courriel a pu être remplacé en chemin.</translation>
        </message>
        <message>
            <source>I &amp;compared the fingerprint with the registry coordinator: it matches</source>
            <translation>J’ai &amp;comparé l’empreinte avec le coordinateur du registre : elle correspond</translation>
        </message>
        <message>
            <source>Without it, cases can be entered and signed but no batch can be exported. An administrator adds it later with the command 'cmlentry keys trust-registry FILE'.</source>
            <translation>Sans elle, les dossiers peuvent être saisis et signés mais aucun lot ne peut être exporté. Un administrateur l’ajoute plus tard avec la commande « cmlentry keys trust-registry FICHIER ».</translation>
        </message>
        <message>
            <source>Key &amp;file:</source>
            <translation>&amp;Fichier de clé :</translation>
        </message>
        <message>
            <source>Owner: {owner}. Made on {date}.</source>
            <translation>Propriétaire : {owner}. Créée le {date}.</translation>
        </message>
        <message>
            <source>The registry's public key file</source>
            <translation>Le fichier de clé publique du registre</translation>
        </message>
        <message>
            <source>cmlentry key files (*.cmlkey);;All files (*)</source>
            <translation>Fichiers de clé cmlentry (*.cmlkey);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>RepeatingGroupModel</name>
        <message>
            <source>calculated</source>
            <translation>calculé</translation>
        </message>
        <message>
            <source>Does not apply to this row</source>
            <translation>Ne s’applique pas à cette ligne</translation>
        </message>
    </context>
    <context>
        <name>RepeatingGroupWidget</name>
        <message>
            <source>One row per entry. Insert adds a row; Enter or typing edits a cell.</source>
            <translation>Une ligne par élément. Inser ajoute une ligne ; Entrée ou la saisie modifie une cellule.</translation>
        </message>
        <message>
            <source>&amp;Add row</source>
            <translation>&amp;Ajouter une ligne</translation>
        </message>
        <message>
            <source>Add a row (Insert or Ctrl+Shift+=)</source>
            <translation>Ajouter une ligne (Inser ou Ctrl+Maj+=)</translation>
        </message>
        <message>
            <source>Remove row</source>
            <translation>Supprimer la ligne</translation>
        </message>
        <message>
            <source>Remove the current row (Ctrl+Delete)</source>
            <translation>Supprimer la ligne en cours (Ctrl+Suppr)</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historique</translation>
        </message>
        <message>
            <source>History of the current cell (Ctrl+H)</source>
            <translation>Historique de la cellule en cours (Ctrl+H)</translation>
        </message>
        <message>
            <source>row %1: </source>
            <translation>ligne %1 : </translation>
        </message>
    </context>
    <context>
        <name>SaveReport</name>
        <message>
            <source>Not saved: %1</source>
            <translation>Non enregistré : %1</translation>
        </message>
    </context>
    <context>
        <name>SavedFormsTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Formulaire</translation>
        </message>
        <message>
            <source>Saved at</source>
            <translation>Enregistré à</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Modifications</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n modification</numerusform>
                <numerusform>%n modifications</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Set up cmlentry</source>
            <translation>Configurer cmlentry</translation>
        </message>
        <message>
            <source>Close without the recovery key?</source>
            <translation>Fermer sans la clé de secours ?</translation>
        </message>
        <message>
            <source>The workspace is made and kept. If you close now, this recovery key is not shown again; an administrator can make a new one later with the command 'cmlentry rotate-key --new-recovery-key'. Close anyway?</source>
            <translation>L’espace de travail est créé et conservé. Si vous fermez maintenant, cette clé de récupération ne sera plus affichée ; un administrateur pourra en créer une nouvelle plus tard avec la commande « cmlentry rotate-key --new-recovery-key ». Fermer quand même ?</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Fermer</translation>
        </message>
        <message>
            <source>&amp;Stay and write it down</source>
            <translation>&amp;Rester et la recopier</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <source>Register a new patient</source>
            <translation>Inscrire un nouveau patient</translation>
        </message>
        <message>
            <source>Ctrl+F</source>
            <translation>Ctrl+F</translation>
        </message>
        <message>
            <source>Find a case in the list</source>
            <translation>Rechercher un dossier dans la liste</translation>
        </message>
        <message>
            <source>↓ then Enter</source>
            <translation>↓ puis Entrée</translation>
        </message>
        <message>
            <source>From the search to the list, then open the case</source>
            <translation>De la recherche à la liste, puis ouvrir le dossier</translation>
        </message>
        <message>
            <source>Enter / Tab</source>
            <translation>Entrée / Tab</translation>
        </message>
        <message>
            <source>Next field (a field left is saved)</source>
            <translation>Champ suivant (le champ quitté est enregistré)</translation>
        </message>
        <message>
            <source>Shift+Tab</source>
            <translation>Maj+Tab</translation>
        </message>
        <message>
            <source>Previous field</source>
            <translation>Champ précédent</translation>
        </message>
        <message>
            <source>Ctrl+PgDown / Ctrl+PgUp</source>
            <translation>Ctrl+Pg.Suiv / Ctrl+Pg.Préc</translation>
        </message>
        <message>
            <source>Next / previous form</source>
            <translation>Formulaire suivant / précédent</translation>
        </message>
        <message>
            <source>Insert / Ctrl+Delete</source>
            <translation>Inser / Ctrl+Suppr</translation>
        </message>
        <message>
            <source>Add / remove a table row</source>
            <translation>Ajouter / supprimer une ligne du tableau</translation>
        </message>
        <message>
            <source>Ctrl+S</source>
            <translation>Ctrl+S</translation>
        </message>
        <message>
            <source>Save the form now</source>
            <translation>Enregistrer le formulaire maintenant</translation>
        </message>
        <message>
            <source>Ctrl+H</source>
            <translation>Ctrl+H</translation>
        </message>
        <message>
            <source>History of the field you are in</source>
            <translation>Historique du champ en cours</translation>
        </message>
        <message>
            <source>Ctrl+I</source>
            <translation>Ctrl+I</translation>
        </message>
        <message>
            <source>Patient identity (local list only)</source>
            <translation>Identité du patient (liste locale uniquement)</translation>
        </message>
        <message>
            <source>Alt+Left</source>
            <translation>Alt+Gauche</translation>
        </message>
        <message>
            <source>Back to the case list</source>
            <translation>Retour à la liste des dossiers</translation>
        </message>
        <message>
            <source>Ctrl+L</source>
            <translation>Ctrl+L</translation>
        </message>
        <message>
            <source>Lock the screen</source>
            <translation>Verrouiller l’écran</translation>
        </message>
        <message>
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <source>Quit (everything is saved first)</source>
            <translation>Quitter (tout est d’abord enregistré)</translation>
        </message>
    </context>
    <context>
        <name>SitePage</name>
        <message>
            <source>Your site</source>
            <translation>Votre site</translation>
        </message>
        <message>
            <source>As the registry knows it: the registry gave your centre its code.</source>
            <translation>Tel que le registre le connaît : c’est le registre qui a attribué son code à votre centre.</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Pays</translation>
        </message>
        <message>
            <source>Centre code</source>
            <translation>Code du centre</translation>
        </message>
        <message>
            <source>Centre name</source>
            <translation>Nom du centre</translation>
        </message>
        <message>
            <source>C&amp;ountry:</source>
            <translation>&amp;Pays :</translation>
        </message>
        <message>
            <source>Centre c&amp;ode:</source>
            <translation>C&amp;ode du centre :</translation>
        </message>
        <message>
            <source>Centre &amp;name:</source>
            <translation>&amp;Nom du centre :</translation>
        </message>
    </context>
    <context>
        <name>StartFlow</name>
        <message>
            <source>Making a demo workspace of synthetic cases</source>
            <translation>Création d’un espace de démonstration avec des dossiers fictifs</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>cmlentry is locked</source>
            <translation>cmlentry est verrouillé</translation>
        </message>
        <message>
            <source>Sign in to cmlentry</source>
            <translation>Connexion à cmlentry</translation>
        </message>
        <message>
            <source>Signed in as {name} ({user}). Give your password to go on.</source>
            <translation>Connecté en tant que {name} ({user}). Saisissez votre mot de passe pour continuer.</translation>
        </message>
        <message>
            <source>Workspace: {folder}</source>
            <translation>Espace de travail : {folder}</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Mot de passe :</translation>
        </message>
        <message>
            <source>Why the unlock failed</source>
            <translation>Pourquoi le déverrouillage a échoué</translation>
        </message>
        <message>
            <source>Checking the password</source>
            <translation>Vérification du mot de passe</translation>
        </message>
        <message>
            <source>&amp;Forgot your password?</source>
            <translation>Mot de passe &amp;oublié ?</translation>
        </message>
        <message>
            <source>U&amp;nlock</source>
            <translation>Dé&amp;verrouiller</translation>
        </message>
        <message>
            <source>Sign in as &amp;someone else</source>
            <translation>Se connecter sous un &amp;autre nom</translation>
        </message>
        <message>
            <source>Your site administrator can set a new first password for you. If no administrator can sign in, the principal investigator holds the workspace's recovery key (in a sealed envelope): with it, a new password can be set for any user.</source>
            <translation>L’administrateur du site peut vous attribuer un nouveau mot de passe provisoire. Si aucun administrateur ne peut se connecter, l’investigateur principal détient la clé de secours de l’espace de travail (sous pli scellé) : elle permet de définir un nouveau mot de passe pour tout utilisateur.</translation>
        </message>
        <message>
            <source>&amp;Recover with the recovery key…</source>
            <translation>&amp;Récupérer avec la clé de secours…</translation>
        </message>
        <message>
            <source>You must choose your own password before you can work. Sign in again when you are ready.</source>
            <translation>Vous devez choisir votre propre mot de passe avant de pouvoir travailler. Reconnectez-vous quand vous serez prêt(e).</translation>
        </message>
        <message>
            <source>You can try again now.</source>
            <translation>Vous pouvez réessayer maintenant.</translation>
        </message>
        <message>
            <source>A new password was set for {user}. Sign in with it now.</source>
            <translation>Un nouveau mot de passe a été défini pour {user}. Connectez-vous maintenant avec celui-ci.</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Set up cmlentry for your site</source>
            <translation>Configurer cmlentry pour votre site</translation>
        </message>
        <message>
            <source>This assistant makes the encrypted workspace in which your site's cases are kept. You will give the site's country and centre code, create the first administrator, add the registry's public key and receive the recovery key, which the principal investigator keeps sealed.</source>
            <translation>Cet assistant crée l’espace de travail chiffré où sont conservés les dossiers de votre site. Vous indiquerez le pays et le code du centre, créerez le premier administrateur, ajouterez la clé publique du registre et recevrez la clé de secours, que l’investigateur principal conserve sous pli scellé.</translation>
        </message>
        <message>
            <source>Workspace folder</source>
            <translation>Dossier de l’espace de travail</translation>
        </message>
        <message>
            <source>&amp;Change…</source>
            <translation>&amp;Changer…</translation>
        </message>
        <message>
            <source>Keep the workspace on this computer's own disk. cmlentry refuses a network share or a USB stick, where saved work could be lost.</source>
            <translation>Gardez l’espace de travail sur le disque interne de cet ordinateur. cmlentry refuse un partage réseau ou une clé USB, où le travail enregistré pourrait être perdu.</translation>
        </message>
        <message>
            <source>&amp;Workspace folder:</source>
            <translation>Dossier de l’espace de &amp;travail :</translation>
        </message>
        <message>
            <source>This folder already holds a workspace: close the assistant and sign in to it, or choose another folder.</source>
            <translation>Ce dossier contient déjà un espace de travail : fermez l’assistant et connectez-vous à celui-ci, ou choisissez un autre dossier.</translation>
        </message>
        <message>
            <source>Where to make the workspace</source>
            <translation>Où créer l’espace de travail</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Too many wrong passwords: wait {seconds} seconds, then try again.</source>
            <extracomment>error auth.delayed; keep {seconds}</extracomment>
            <translation>Trop de mots de passe erronés : attendez {seconds} secondes, puis réessayez.</translation>
        </message>
        <message>
            <source>The account {username} is disabled. Ask your site administrator if you still need it.</source>
            <extracomment>error auth.disabled; keep {username}</extracomment>
            <translation>Le compte {username} est désactivé. Adressez-vous à l’administrateur du site si vous en avez encore besoin.</translation>
        </message>
        <message>
            <source>The account {username} is locked after too many wrong passwords. Ask your site administrator to set a new password, or use the recovery key ('cmlentry recover').</source>
            <extracomment>error auth.locked; keep {username}</extracomment>
            <translation>Le compte {username} est bloqué après trop de mots de passe erronés. Demandez à l’administrateur du site de définir un nouveau mot de passe, ou utilisez la clé de secours (« cmlentry recover »).</translation>
        </message>
        <message>
            <source>Your role ({role}) may not {action}. Ask a {needed} to do it.</source>
            <extracomment>error auth.not_permitted; keep {action} {needed} {role}</extracomment>
            <translation>Votre rôle ({role}) ne permet pas de {action}. Demandez-le à un utilisateur ayant le rôle {needed}.</translation>
        </message>
        <message>
            <source>{username} must choose a new password before doing anything else: run 'cmlentry user passwd {username}'.</source>
            <extracomment>error auth.password_change_required; keep {username}</extracomment>
            <translation>{username} doit choisir un nouveau mot de passe avant toute autre action : lancez « cmlentry user passwd {username} ».</translation>
        </message>
        <message>
            <source>A recovery key has {groups} groups of {size} letters and digits. Type it again from the sealed copy.</source>
            <extracomment>error auth.recovery_key_malformed; keep {groups} {size}</extracomment>
            <translation>Une clé de secours compte {groups} groupes de {size} lettres et chiffres. Saisissez-la à nouveau à partir de l’exemplaire scellé.</translation>
        </message>
        <message>
            <source>Group {group} of the recovery key has a typing error. Check that group against the sealed copy and type it again.</source>
            <extracomment>error auth.recovery_key_typo; keep {group}</extracomment>
            <translation>Le groupe {group} de la clé de secours contient une faute de frappe. Comparez ce groupe avec l’exemplaire scellé et saisissez-le à nouveau.</translation>
        </message>
        <message>
            <source>The new password is too weak: {why}. Choose another one.</source>
            <extracomment>error auth.weak_password; keep {why}</extracomment>
            <translation>Le nouveau mot de passe est trop faible : {why}. Choisissez-en un autre.</translation>
        </message>
        <message>
            <source>The user name or password is not right. {attempts_left} attempts are left before the account is locked.</source>
            <extracomment>error auth.wrong_credentials; keep {attempts_left}</extracomment>
            <translation>Le nom d’utilisateur ou le mot de passe est incorrect. Il reste {attempts_left} essais avant le blocage du compte.</translation>
        </message>
        <message>
            <source>That recovery key does not open this workspace. Check it against the sealed copy and type it again.</source>
            <extracomment>error auth.wrong_recovery_key</extracomment>
            <translation>Cette clé de secours n’ouvre pas cet espace de travail. Comparez-la avec l’exemplaire scellé et saisissez-la à nouveau.</translation>
        </message>
        <message>
            <source>The password is not right. {attempts_left} attempts are left before the account is locked.</source>
            <extracomment>error auth.wrong_unlock_password; keep {attempts_left}</extracomment>
            <translation>Le mot de passe est incorrect. Il reste {attempts_left} essais avant le blocage du compte.</translation>
        </message>
        <message>
            <source>The backup {path} failed its check ({detail}). It cannot be used; try an older backup.</source>
            <extracomment>error backup.damaged; keep {detail} {path}</extracomment>
            <translation>La sauvegarde {path} n’a pas passé sa vérification ({detail}). Elle est inutilisable ; essayez une sauvegarde plus ancienne.</translation>
        </message>
        <message>
            <source>{path} is not a cmlentry backup. Choose the folder that 'cmlentry backup' wrote.</source>
            <extracomment>error backup.not_found; keep {path}</extracomment>
            <translation>{path} n’est pas une sauvegarde cmlentry. Choisissez le dossier écrit par « cmlentry backup ».</translation>
        </message>
        <message>
            <source>Cancelled; nothing was changed.</source>
            <extracomment>error cancelled</extracomment>
            <translation>Annulé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This very file ({file}) was already imported on {when} ({count} cases); importing it again would register the same patients twice. Nothing was changed. If a second copy is really wanted, import it again with --again.</source>
            <extracomment>error cases.already_imported; keep {count} {file} {when}</extracomment>
            <translation>Ce même fichier ({file}) a déjà été importé le {when} ({count} dossiers) ; l’importer à nouveau inscrirait deux fois les mêmes patients. Rien n’a été modifié. Si une seconde copie est vraiment voulue, importez-le à nouveau avec --again.</translation>
        </message>
        <message>
            <source>The form {form} cannot be marked complete yet: {count} problem(s) remain, the first being: {first}</source>
            <extracomment>error cases.not_ready; keep {count} {first} {form}</extracomment>
            <translation>Le formulaire {form} ne peut pas encore être marqué complet : il reste {count} problème(s), dont le premier : {first}</translation>
        </message>
        <message>
            <source>The form {form} is already complete: give a reason for this change (for example 'corrected from the source document'). Nothing was saved yet.</source>
            <extracomment>error cases.reason_required; keep {form}</extracomment>
            <translation>Le formulaire {form} est déjà complet : indiquez le motif de cette modification (par exemple « corrigé d’après le document source »). Rien n’a encore été enregistré.</translation>
        </message>
        <message>
            <source>This centre has used all 9999 registry numbers. Call the registry coordinator.</source>
            <extracomment>error cases.sequence_exhausted</extracomment>
            <translation>Ce centre a utilisé les 9999 numéros du registre. Appelez le coordinateur du registre.</translation>
        </message>
        <message>
            <source>There is no case {registry_id} in this workspace. Check the registry ID.</source>
            <extracomment>error cases.unknown; keep {registry_id}</extracomment>
            <translation>Il n’y a pas de dossier {registry_id} dans cet espace de travail. Vérifiez l’identifiant registre.</translation>
        </message>
        <message>
            <source>Compare the fingerprint of {file} with the registry coordinator by phone, then run the command again with --yes; nothing was changed.</source>
            <extracomment>error cli.confirmation_needed; keep {file}</extracomment>
            <translation>Comparez l’empreinte de {file} avec le coordinateur du registre par téléphone, puis relancez la commande avec --yes ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The form definition is not valid: {where}: {why}.</source>
            <extracomment>error definition.invalid; keep {where} {why}</extracomment>
            <translation>La définition des formulaires n’est pas valide : {where} : {why}.</translation>
        </message>
        <message>
            <source>{folder} holds files that are not a demo workspace, so cmlentry will not replace them. Choose another folder for the demo; nothing was changed.</source>
            <extracomment>error demo.not_a_demo_folder; keep {folder}</extracomment>
            <translation>{folder} contient des fichiers qui ne sont pas un espace de démonstration : cmlentry ne les remplacera pas. Choisissez un autre dossier pour la démonstration ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The unsaved typing of {form} of case {registry_id} cannot be restored ({why}). Enter it again; the saved answers are unchanged.</source>
            <extracomment>error drafts.unusable; keep {form} {registry_id} {why}</extracomment>
            <translation>La saisie non enregistrée de {form} du dossier {registry_id} ne peut pas être restaurée ({why}). Saisissez-la à nouveau ; les réponses enregistrées sont inchangées.</translation>
        </message>
        <message>
            <source>Something went wrong.</source>
            <extracomment>error error, keys.file</extracomment>
            <translation>Un problème est survenu.</translation>
        </message>
        <message>
            <source>{field} is not valid: {why}.</source>
            <extracomment>error input.invalid; keep {field} {why}</extracomment>
            <translation>{field} n’est pas valide : {why}.</translation>
        </message>
        <message>
            <source>There is not enough free space in {folder}. Free some space or choose another place; nothing was changed.</source>
            <extracomment>error io.disk_full; keep {folder}</extracomment>
            <translation>Il n’y a pas assez d’espace libre dans {folder}. Libérez de la place ou choisissez un autre emplacement ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry could not write to {folder} ({reason}). Nothing was changed.</source>
            <extracomment>error io.failed; keep {folder} {reason}</extracomment>
            <translation>cmlentry n’a pas pu écrire dans {folder} ({reason}). Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry cannot write to {folder} (it is read-only or you lack permission). Choose another place; nothing was changed.</source>
            <extracomment>error io.read_only; keep {folder}</extracomment>
            <translation>cmlentry ne peut pas écrire dans {folder} (lecture seule ou droits insuffisants). Choisissez un autre emplacement ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The key file {file} is damaged ({problem}). Ask its sender for a new copy; nothing was changed.</source>
            <extracomment>error keys.damaged; keep {file} {problem}</extracomment>
            <translation>Le fichier de clé {file} est endommagé ({problem}). Demandez-en une nouvelle copie à son expéditeur ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} already exists and is not this site's key file. Choose another name; nothing was changed.</source>
            <extracomment>error keys.export_target_exists; keep {file}</extracomment>
            <translation>{file} existe déjà et n’est pas le fichier de clé de ce site. Choisissez un autre nom ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The key file {file} changed after its fingerprint was shown. Check the new fingerprint with the registry before trusting it; nothing was changed.</source>
            <extracomment>error keys.file_changed; keep {file}</extracomment>
            <translation>Le fichier de clé {file} a changé après l’affichage de son empreinte. Vérifiez la nouvelle empreinte avec le registre avant de lui faire confiance ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace has no site key, so it cannot sign batches. It was set up before site keys existed: call your registry's support. Nothing was changed.</source>
            <extracomment>error keys.no_site_key</extracomment>
            <translation>Cet espace de travail n’a pas de clé de site : il ne peut donc pas signer de lots. Il a été créé avant l’existence des clés de site : appelez l’assistance de votre registre. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is not a cmlentry public key file. Choose the .cmlkey file you were sent; nothing was changed.</source>
            <extracomment>error keys.not_a_key_file; keep {file}</extracomment>
            <translation>{file} n’est pas un fichier de clé publique cmlentry. Choisissez le fichier .cmlkey qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This is a registry workspace: site keys and trusted registry keys belong to a site's workspace. Nothing was changed.</source>
            <extracomment>error keys.not_a_site</extracomment>
            <translation>Ceci est un espace de travail du registre : les clés de site et les clés de registre de confiance appartiennent à l’espace de travail d’un site. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace already has its site key (fingerprint {fingerprint}); a site has one. Nothing was changed.</source>
            <extracomment>error keys.site_key_exists; keep {fingerprint}</extracomment>
            <translation>Cet espace de travail a déjà sa clé de site (empreinte {fingerprint}) ; un site n’en a qu’une. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The keys stored in this workspace do not fit together, so they are not used. Restore the last good backup with 'cmlentry restore' and call your registry's support.</source>
            <extracomment>error keys.store_damaged</extracomment>
            <translation>Les clés enregistrées dans cet espace de travail ne concordent pas : elles ne sont donc pas utilisées. Restaurez la dernière sauvegarde valide avec « cmlentry restore » et appelez l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>{file} is larger than a cmlentry public key file can be ({limit} bytes), so it was not read. Choose the .cmlkey file you were sent; nothing was changed.</source>
            <extracomment>error keys.too_large; keep {file} {limit}</extracomment>
            <translation>{file} est plus volumineux qu’un fichier de clé publique cmlentry ne peut l’être ({limit} octets) : il n’a pas été lu. Choisissez le fichier .cmlkey qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is a key file of version {version}, which this cmlentry does not know. Install a newer cmlentry or ask the sender for a version {known} file; nothing was changed.</source>
            <extracomment>error keys.unknown_version; keep {file} {known} {version}</extracomment>
            <translation>{file} est un fichier de clé de version {version}, que cette version de cmlentry ne connaît pas. Installez une version plus récente de cmlentry ou demandez à l’expéditeur un fichier de version {known} ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry could not read {file} ({reason}). Check the file's name and that you may read it; nothing was changed.</source>
            <extracomment>error keys.unreadable; keep {file} {reason}</extracomment>
            <translation>cmlentry n’a pas pu lire {file} ({reason}). Vérifiez le nom du fichier et que vous avez le droit de le lire ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} holds the keys of a {found}, not of a {expected}. Choose the {expected}'s key file; nothing was changed.</source>
            <extracomment>error keys.wrong_role; keep {expected} {file} {found}</extracomment>
            <translation>{file} contient les clés d’un(e) {found}, et non d’un(e) {expected}. Choisissez le fichier de clé correspondant à : {expected} ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The re-keyed copy of the workspace failed its check, so the key rotation was abandoned. The workspace keeps its old key; nothing was changed.</source>
            <extracomment>error maintenance.rotation_failed</extracomment>
            <translation>La copie rechiffrée de l’espace de travail n’a pas passé sa vérification : le changement de clé a été abandonné. L’espace de travail garde son ancienne clé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{text} is not a registry ID: it looks like FR-086-0007-K (country, centre, number, check character). Check it against the case list.</source>
            <extracomment>error pseudonym.invalid; keep {text}</extracomment>
            <translation>{text} n’est pas un identifiant registre : il a la forme FR-086-0007-K (pays, centre, numéro, caractère de contrôle). Vérifiez-le dans la liste des dossiers.</translation>
        </message>
        <message>
            <source>{text} has a typing error (its check character does not match). Check it against the case list.</source>
            <extracomment>error pseudonym.typo; keep {text}</extracomment>
            <translation>{text} contient une faute de frappe (son caractère de contrôle ne correspond pas). Vérifiez-le dans la liste des dossiers.</translation>
        </message>
        <message>
            <source>{label} is not valid: {why}.</source>
            <extracomment>error setup.field_invalid; keep {label} {why}</extracomment>
            <translation>{label} n’est pas valide : {why}.</translation>
        </message>
        <message>
            <source>The two passwords differ. Type the same password in both fields.</source>
            <extracomment>error setup.passwords_differ</extracomment>
            <translation>Les deux mots de passe diffèrent. Saisissez le même mot de passe dans les deux champs.</translation>
        </message>
        <message>
            <source>The password is too weak: {why}. Choose another one.</source>
            <extracomment>error setup.weak_password; keep {why}</extracomment>
            <translation>Le mot de passe est trop faible : {why}. Choisissez-en un autre.</translation>
        </message>
        <message>
            <source>{file} is damaged or incomplete ({detail}). Save it again from Excel or LibreOffice as .xlsx and import that copy; nothing was imported.</source>
            <extracomment>error spreadsheet.damaged; keep {detail} {file}</extracomment>
            <translation>{file} est endommagé ou incomplet ({detail}). Enregistrez-le à nouveau au format .xlsx depuis Excel ou LibreOffice et importez cette copie ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} cannot be opened ({detail}). Check the name and folder; nothing was imported.</source>
            <extracomment>error spreadsheet.not_found; keep {detail} {file}</extracomment>
            <translation>{file} ne peut pas être ouvert ({detail}). Vérifiez le nom et le dossier ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is not an Excel workbook (.xlsx): {detail}. Open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)'; nothing was imported.</source>
            <extracomment>error spreadsheet.not_xlsx; keep {detail} {file}</extracomment>
            <translation>{file} n’est pas un classeur Excel (.xlsx) : {detail}. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) » ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is password-protected or in the old .xls format. Remove the password (Excel: File &gt; Info &gt; Protect Workbook) and save it as 'Excel Workbook (.xlsx)', then import that copy; nothing was imported.</source>
            <extracomment>error spreadsheet.protected; keep {file}</extracomment>
            <translation>{file} est protégé par un mot de passe ou enregistré dans l’ancien format .xls. Retirez le mot de passe (Excel : Fichier &gt; Informations &gt; Protéger le classeur) et enregistrez-le au format « Classeur Excel (.xlsx) », puis importez cette copie ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} cannot be imported ({detail}). Nothing was imported.</source>
            <extracomment>error spreadsheet.refused; keep {detail} {file}</extracomment>
            <translation>{file} ne peut pas être importé ({detail}). Rien n’a été importé.</translation>
        </message>
        <message>
            <source>The workbook {file} has {count} {noun}; the first: {first}. Nothing was imported.</source>
            <extracomment>error spreadsheet.rejected; keep {count} {file} {first} {noun}</extracomment>
            <translation>Le classeur {file} présente {count} problème(s) ; le premier : {first}. Rien n’a été importé.</translation>
        </message>
        <message>
            <source>{path} already exists. Choose another name, or move that file away first; nothing was written.</source>
            <extracomment>error spreadsheet.target_exists; keep {path}</extracomment>
            <translation>{path} existe déjà. Choisissez un autre nom, ou déplacez d’abord ce fichier ; rien n’a été écrit.</translation>
        </message>
        <message>
            <source>{file} is too large to import: {detail}. Split the list into several workbooks, or delete the empty rows and columns below and beside it; nothing was imported.</source>
            <extracomment>error spreadsheet.too_large; keep {detail} {file}</extracomment>
            <translation>{file} est trop volumineux pour être importé : {detail}. Répartissez la liste sur plusieurs classeurs, ou supprimez les lignes et colonnes vides situées en dessous et à côté ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} was refused because {detail}; a workbook saved by Excel or LibreOffice never looks like this. Nothing was imported.</source>
            <extracomment>error spreadsheet.unsafe; keep {detail} {file}</extracomment>
            <translation>{file} a été refusé car {detail} ; un classeur enregistré par Excel ou LibreOffice ne se présente jamais ainsi. Rien n’a été importé.</translation>
        </message>
        <message>
            <source>There is already a user called {username}. Choose another user name.</source>
            <extracomment>error users.exists; keep {username}</extracomment>
            <translation>Il existe déjà un utilisateur nommé {username}. Choisissez un autre nom d’utilisateur.</translation>
        </message>
        <message>
            <source>{username} is the last active site administrator. Give another user that role first.</source>
            <extracomment>error users.last_admin; keep {username}</extracomment>
            <translation>{username} est le dernier administrateur de site actif. Attribuez d’abord ce rôle à un autre utilisateur.</translation>
        </message>
        <message>
            <source>There is no user called {username} in this workspace. Check the spelling.</source>
            <extracomment>error users.unknown; keep {username}</extracomment>
            <translation>Il n’y a pas d’utilisateur nommé {username} dans cet espace de travail. Vérifiez l’orthographe.</translation>
        </message>
        <message>
            <source>The workspace file is damaged, so cmlentry will not write to it. Nothing more was changed. Restore the last good backup with 'cmlentry restore' and call your site administrator.</source>
            <extracomment>error workspace.damaged</extracomment>
            <translation>Le fichier de l’espace de travail est endommagé : cmlentry n’y écrira plus. Rien d’autre n’a été modifié. Restaurez la dernière sauvegarde valide avec « cmlentry restore » et appelez l’administrateur du site.</translation>
        </message>
        <message>
            <source>{folder} already holds files. Choose an empty or new folder; nothing was changed.</source>
            <extracomment>error workspace.exists; keep {folder}</extracomment>
            <translation>{folder} contient déjà des fichiers. Choisissez un dossier vide ou nouveau ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace is already open in another cmlentry window or command. Close it there, then try again.</source>
            <extracomment>error workspace.in_use</extracomment>
            <translation>Cet espace de travail est déjà ouvert dans une autre fenêtre ou commande cmlentry. Fermez-le là-bas, puis réessayez.</translation>
        </message>
        <message>
            <source>cmlentry cannot keep its crash-safety journal for the workspace in {folder}. Move the workspace to this computer's own disk; nothing was changed.</source>
            <extracomment>error workspace.journal_unavailable; keep {folder}</extracomment>
            <translation>cmlentry ne peut pas tenir le journal qui protège l’espace de travail des pannes dans {folder}. Déplacez l’espace de travail sur le disque interne de cet ordinateur ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{folder} is on a network share or removable drive ({kind}). Keep the workspace on this computer's own disk so no saved work can be lost.</source>
            <extracomment>error workspace.network_share; keep {folder} {kind}</extracomment>
            <translation>{folder} se trouve sur un partage réseau ou un support amovible ({kind}). Gardez l’espace de travail sur le disque interne de cet ordinateur pour qu’aucun travail enregistré ne puisse être perdu.</translation>
        </message>
        <message>
            <source>{folder} is not a cmlentry workspace. Check the folder name, or create a workspace there with 'cmlentry init'.</source>
            <extracomment>error workspace.not_found; keep {folder}</extracomment>
            <translation>{folder} n’est pas un espace de travail cmlentry. Vérifiez le nom du dossier, ou créez-y un espace de travail avec « cmlentry init ».</translation>
        </message>
        <message>
            <source>The key file of this workspace (keyslots.json) is missing or damaged, so it cannot be unlocked. Restore the last good backup with 'cmlentry restore'; nothing was changed.</source>
            <extracomment>error workspace.slots_damaged</extracomment>
            <translation>Le fichier des clés de cet espace de travail (keyslots.json) est absent ou endommagé : l’espace ne peut donc pas être déverrouillé. Restaurez la dernière sauvegarde valide avec « cmlentry restore » ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace was made by a newer version of cmlentry. Install the newer version to open it; nothing was changed.</source>
            <extracomment>error workspace.too_new</extracomment>
            <translation>Cet espace de travail a été créé par une version plus récente de cmlentry. Installez cette version pour l’ouvrir ; rien n’a été modifié.</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>cmlentry met an unexpected problem. Your saved work is safe; try again, and if it happens again, tell your site administrator.</source>
            <translation>cmlentry a rencontré un problème inattendu. Votre travail enregistré est en sécurité ; réessayez et, si le problème se reproduit, prévenez l’administrateur du site.</translation>
        </message>
        <message>
            <source>cmlentry</source>
            <translation>cmlentry</translation>
        </message>
    </context>
</TS>
